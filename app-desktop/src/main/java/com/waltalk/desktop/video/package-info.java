/**
 * The video pipeline: {@link com.waltalk.desktop.video.VideoSender} paces the camera at 15 fps
 * ({@code FramePacer}), grabs, cover-crops to 640×360 ({@code FrameFormatter}), shows the local previews
 * and JPEG-encodes for the call; {@link com.waltalk.desktop.video.VideoReceiver} decodes the peer's JPEGs
 * ({@code JpegDecoder}) and {@link com.waltalk.desktop.video.VideoRenderer} shows the newest frame in an
 * {@code ImageView} once per JavaFX pulse. Stale and corrupt frames are counted in the stats records.
 *
 * <p><b>Uses</b> {@code capture}, {@code media}, ImageIO/AWT images, JavaFX (the renderer only) and
 * shared-runtime. <b>Must not use</b> {@code call}, {@code net}, {@code session} or the {@code ui} packages:
 * frames leave through a sink and a {@link com.waltalk.desktop.video.FrameDisplay}. <b>Used by</b> the
 * composition root and {@code bench}.
 *
 * <p><b>Threads.</b> One {@code video-capture} thread per sender (pacing, grabbing, encoding, calling the
 * sink and previews); one {@code video-decode-<stream>} thread per receiver, fed from the network receive
 * thread through a one-frame slot; the renderer writes pixels on the JavaFX Application Thread only.
 */
package com.waltalk.desktop.video;
