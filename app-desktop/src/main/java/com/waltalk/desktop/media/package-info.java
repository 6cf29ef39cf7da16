/**
 * The media values that pass between the pipelines and the call link: an encoded video frame
 * ({@link com.waltalk.desktop.media.EncodedVideoFrame}: JPEG, sequence, capture time), a 20 ms audio
 * packet ({@link com.waltalk.desktop.media.AudioPacket}: 16 kHz mono PCM), and the sliding window the
 * rate meters share.
 *
 * <p><b>Uses</b> only the JDK. <b>Used by</b> {@code audio}, {@code playback}, {@code video},
 * {@code call}, the composition root and {@code bench}. It must stay free of any other desktop package so
 * that the pipelines and the network side can meet here without knowing each other.
 *
 * <p><b>Threads.</b> The frames and packets are immutable by convention (their arrays are not copied:
 * whoever hands one on stops writing to it); {@code SlidingWindow} is not thread-safe, its owners lock.
 */
package com.waltalk.desktop.media;
