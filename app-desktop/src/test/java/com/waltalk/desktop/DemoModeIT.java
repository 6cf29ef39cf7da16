package com.waltalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.session.CallPhase;
import com.waltalk.desktop.session.ConnectionState;
import com.waltalk.desktop.ui.common.DesktopNotifier;
import com.waltalk.desktop.ui.shell.MainWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code --demo} as a newcomer sees it: the bundled relay starts, two windows sign in as alice and bob,
 * and a call from one to the other shows the other's synthetic camera — within a minute.
 */
class DemoModeIT {

    @TempDir
    Path data;

    @Test
    void twoWindowsSignInAndCanCallWithinAMinute() throws Exception {
        FxToolkit.registerPrimaryStage();
        long start = System.nanoTime();
        DesktopNotifier notifier = new DesktopNotifier();
        MediaWiring media = MediaWiring.synthetic();
        DemoMode demo = new DemoMode(data.resolve("demo-relay"), notifier, media);
        try {
            WaitForAsyncUtils.asyncFx(() -> demo.start(new Stage())).get(10, TimeUnit.SECONDS);
            await("two windows", () -> demo.windows().size() == 2);
            MainWindow alice = demo.windows().get(0);
            MainWindow bob = demo.windows().get(1);
            await("both signed in", () -> alice.session().connectionProperty().get().state() == ConnectionState.SIGNED_IN
                    && bob.session().connectionProperty().get().state() == ConnectionState.SIGNED_IN);
            assertThat(alice.stage().getTitle()).isEqualTo("WalTalk — alice");
            assertThat(bob.stage().getTitle()).isEqualTo("WalTalk — bob");
            // a fresh relay: alice and bob start as strangers, and the demo makes them contacts over the protocol
            await("they are contacts", () -> alice.session().contactListsProperty().get().isContact("bob")
                    && bob.session().contactListsProperty().get().isContact("alice"));
            await("muted to avoid echo", () -> !alice.session().localMediaProperty().get().micOn());

            alice.session().model().call("bob");
            await("bob rings", () -> bob.callScreen().ringing().isVisible());
            bob.session().model().accept();
            await("alice sees bob's camera", () -> alice.session().currentCallProperty().get() != null
                    && alice.session().currentCallProperty().get().phase() == CallPhase.IN_CALL
                    && alice.callScreen().inCall().peerVideoShowingProperty().get());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofMinutes(1));
            alice.session().model().hangup();
            await("call over", () -> !bob.callScreen().isVisible());
        } finally {
            WaitForAsyncUtils.asyncFx(demo::close).get(30, TimeUnit.SECONDS);
            media.close();
            notifier.close();
        }
        // a second start on the same data: the accounts exist and are contacts already; nothing to ask again
        DesktopNotifier notifier2 = new DesktopNotifier();
        MediaWiring media2 = MediaWiring.synthetic();
        DemoMode again = new DemoMode(data.resolve("demo-relay"), notifier2, media2);
        try {
            WaitForAsyncUtils.asyncFx(() -> again.start(new Stage())).get(10, TimeUnit.SECONDS);
            await("two windows", () -> again.windows().size() == 2);
            MainWindow alice = again.windows().get(0);
            MainWindow bob = again.windows().get(1);
            await("contacts again", () -> alice.session().contactListsProperty().get().isContact("bob")
                    && bob.session().contactListsProperty().get().isContact("alice"));
            assertThat(alice.session().contactListsProperty().get().outgoing()).isEmpty();
            assertThat(bob.session().contactListsProperty().get().incoming()).isEmpty();
            alice.session().model().call("bob");
            await("bob rings again", () -> bob.callScreen().ringing().isVisible());
            alice.session().model().hangup();
        } finally {
            WaitForAsyncUtils.asyncFx(again::close).get(30, TimeUnit.SECONDS);
            media2.close();
            notifier2.close();
        }
    }

    private static void await(String what, Callable<Boolean> c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
