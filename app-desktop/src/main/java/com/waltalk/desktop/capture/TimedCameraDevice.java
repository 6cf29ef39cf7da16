package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wraps a native camera device so that no call can block its caller for longer than a deadline.
 *
 * <p>Webcam Capture has no timeouts on {@code open()} or {@code getImage()}; a camera whose driver
 * hangs (USB camera unplugged mid-frame, a V4L2 device held by another program) would freeze the
 * capture thread forever. Each call here runs on the driver's own serial executor and is waited
 * for at most {@code openTimeout} (open) or {@code callTimeout} (everything else); on timeout a
 * {@link WebcamException} says so, and the stuck native call is left behind on its daemon thread.
 *
 * <p>Thread-safe: calls are serialized on one executor thread, in submission order.
 */
final class TimedCameraDevice implements WebcamDevice {

    private final WebcamDevice delegate;
    private final ExecutorService serial;
    private final Duration openTimeout;
    private final Duration callTimeout;

    TimedCameraDevice(WebcamDevice delegate, ExecutorService serial, Duration openTimeout, Duration callTimeout) {
        this.delegate = delegate;
        this.serial = serial;
        this.openTimeout = openTimeout;
        this.callTimeout = callTimeout;
    }

    @Override
    public String getName() {
        return delegate.getName(); // a plain field in every driver, no native call
    }

    @Override
    public Dimension[] getResolutions() {
        return call("list modes", delegate::getResolutions, callTimeout);
    }

    @Override
    public Dimension getResolution() {
        return call("read mode", delegate::getResolution, callTimeout);
    }

    @Override
    public void setResolution(Dimension size) {
        call("set mode", () -> {
            delegate.setResolution(size);
            return null;
        }, callTimeout);
    }

    @Override
    public BufferedImage getImage() {
        return call("grab a frame", delegate::getImage, callTimeout);
    }

    @Override
    public void open() {
        call("open", () -> {
            delegate.open();
            return null;
        }, openTimeout);
    }

    @Override
    public void close() {
        call("close", () -> {
            delegate.close();
            return null;
        }, callTimeout);
    }

    @Override
    public void dispose() {
        call("dispose", () -> {
            delegate.dispose();
            return null;
        }, callTimeout);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen(); // a flag in every driver
    }

    private <T> T call(String what, Callable<T> action, Duration timeout) {
        Future<T> f = serial.submit(action);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new WebcamException("camera '" + getName() + "' did not " + what + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new WebcamException("camera '" + getName() + "' failed to " + what + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new WebcamException("interrupted while waiting for camera '" + getName() + "' to " + what);
        }
    }
}
