package com.waltalk.relay.bench;

import java.util.List;

/**
 * How the benchmark starts the relay child, beyond the database and ports it chooses itself.
 *
 * @param writers   {@code --writers} of {@code relay serve}, or null for the relay's default
 * @param jvmArgs   extra JVM options (e.g. {@code -Xmx1g}, {@code -Xlog:gc:file=gc.log})
 * @param serveArgs extra {@code relay serve} options (e.g. {@code --media-ttl=1h}), for experiments
 */
public record RelayLaunch(Integer writers, List<String> jvmArgs, List<String> serveArgs) {

    public RelayLaunch {
        jvmArgs = List.copyOf(jvmArgs);
        serveArgs = List.copyOf(serveArgs);
    }

    /** True when the relay runs with its own defaults. */
    public boolean isDefault() {
        return writers == null && jvmArgs.isEmpty() && serveArgs.isEmpty();
    }
}
