package com.waltalk.desktop.ui.shell;

import com.waltalk.desktop.host.HostService;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.call.CallMediaHooks;
import com.waltalk.desktop.ui.common.DesktopNotifier;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.settings.MediaDevices;
import java.util.function.Function;

/**
 * What one window works with. Immutable.
 *
 * @param settings  this window's settings (persisted for a normal window, in memory for demo windows)
 * @param model     this window's session
 * @param devices   cameras, microphones, speakers for the settings screen
 * @param media     creates the media pipelines of this window's calls
 * @param host      the app-wide hosted relay, or null if hosting is not offered
 * @param notifier  desktop notifications (shared)
 */
public record WindowContext(AppSettings settings, SessionModel model, MediaDevices devices,
                            Function<FxSession, CallMediaHooks> media, HostService host, DesktopNotifier notifier) {
}
