/**
 * Cameras: the app's Webcam Capture driver ({@link com.waltalk.desktop.capture.CameraDriver}: the native
 * driver's cameras behind deadlines, {@code TimedCameraDevice}, and always the synthetic test-pattern
 * camera), and {@link com.waltalk.desktop.capture.CameraDirectory}, which lists cameras and opens one by
 * name, falling back to the test pattern with a sentence saying why.
 *
 * <p><b>Uses</b> Webcam Capture, AWT images and shared-runtime; nothing else of the desktop. <b>Used by</b>
 * {@code video} (it grabs from an {@code OpenedCamera}), the composition root and {@code bench}.
 * <b>Must not use</b> {@code video}, {@code call}, {@code net}, {@code session}, the {@code ui} packages or
 * JavaFX.
 *
 * <p><b>Threads.</b> Every native driver call runs on the driver's one {@code camera-native} thread and is
 * waited for with a deadline, so a hung camera blocks that thread, never its caller; a stuck call is left
 * behind there.
 */
package com.waltalk.desktop.capture;
