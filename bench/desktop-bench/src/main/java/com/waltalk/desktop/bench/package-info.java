/**
 * The desktop app's benchmarks: {@code VideoBench} (JPEG codec cost, video pipeline CPU),
 * {@code AudioBench} (resampler, capture path, jitter scheduler per packet) and {@code LatencyBench}
 * (the whole media pipeline of two clients through an in-process relay, stage by stage).
 *
 * <p>May use: the app's public API, the relay (in process), test-support's {@code CameraLikeImage}.
 * Nothing uses it: it lives in module {@code bench/desktop-bench}, and neither the app jar nor its
 * installers contain it (checked by the app's architecture test and installers/ci-check.sh).
 */
package com.waltalk.desktop.bench;
