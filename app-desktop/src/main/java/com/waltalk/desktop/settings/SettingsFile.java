package com.waltalk.desktop.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings as stored in {@code settings.json}. Unknown properties (from a newer version) are
 * ignored, missing ones are null and keep the defaults. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettingsFile(
        String relayUri,
        String user,
        String token,
        Boolean autoSignIn,
        ThemeChoice theme,
        String camera,
        String microphone,
        String speaker,
        Boolean ringtone,
        Boolean notifications,
        String trustFile) {
}
