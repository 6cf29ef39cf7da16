package com.waltalk.desktop;

import java.net.URI;
import java.nio.file.Path;

/**
 * What the command line asked for. Immutable.
 *
 * @param demo      start the embedded relay and two windows signed in as two demo users
 * @param host      start the embedded relay ("Host on this computer") right away
 * @param relay     relay address to prefill (overrides the saved one), or null
 * @param user      user name to prefill (overrides the saved one), or null
 * @param configDir configuration directory, or null for the platform's default
 */
public record LaunchOptions(boolean demo, boolean host, URI relay, String user, Path configDir) {
    public static final LaunchOptions DEFAULT = new LaunchOptions(false, false, null, null, null);
}
