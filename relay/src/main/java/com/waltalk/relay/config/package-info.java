/**
 * {@link com.waltalk.relay.config.RelaySettings}: the relay's resolved, validated settings and timeouts,
 * immutable.
 *
 * <p><b>May use</b> the JDK and {@code limits}' settings values ({@code LimitSettings}); no other relay package.
 *
 * <p><b>Used by</b> the root package, {@code cli} (which builds the settings) and {@code state}
 * ({@code RelaySettings.Timeouts}).
 */
package com.waltalk.relay.config;
