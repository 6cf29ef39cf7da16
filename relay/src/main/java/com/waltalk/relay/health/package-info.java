/**
 * The relay's plain-HTTP side port: {@link com.waltalk.relay.health.HealthServer} answers {@code /healthz}
 * and {@code /metrics} (JDK {@code com.sun.net.httpserver}).
 *
 * <p><b>May use</b> the JDK and shared-runtime only; what it serves comes in as suppliers, so it depends on
 * no other relay package.
 *
 * <p><b>Used by</b> the root package only.
 */
package com.waltalk.relay.health;
