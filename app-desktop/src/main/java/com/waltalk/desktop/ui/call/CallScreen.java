package com.waltalk.desktop.ui.call;

import com.waltalk.desktop.session.CallPhase;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.ui.common.FxSession;
import javafx.scene.layout.StackPane;

/**
 * The layer that covers the window while there is a call: the ringing screen while it rings, the in-call
 * screen once accepted, nothing otherwise. Create and use on the JavaFX thread.
 */
public final class CallScreen extends StackPane {

    private final RingingView ringing = new RingingView();
    private final InCallView inCall;

    public CallScreen(FxSession session) {
        inCall = new InCallView(session);
        setId("callScreen");
        getChildren().addAll(ringing, inCall);
        ringing.setVisible(false);
        inCall.setVisible(false);
        setVisible(false);
        ringing.cancelButton().setOnAction(e -> session.model().hangup());
        ringing.declineButton().setOnAction(e -> session.model().decline());
        ringing.acceptButton().setOnAction(e -> session.model().accept());
    }

    /** Shows the call (null or ended hides the layer). */
    public void show(CallView c) {
        if (c == null || c.ended()) {
            setVisible(false);
            ringing.setVisible(false);
            inCall.setVisible(false);
            return;
        }
        setVisible(true);
        if (c.phase() == CallPhase.IN_CALL) {
            ringing.setVisible(false);
            inCall.show(c);
            inCall.setVisible(true);
        } else {
            inCall.setVisible(false);
            if (c.phase() == CallPhase.OUTGOING_RINGING) {
                ringing.showOutgoing(c.peer());
            } else {
                ringing.showIncoming(c.peer());
            }
            ringing.setVisible(true);
        }
    }

    public RingingView ringing() {
        return ringing;
    }

    public InCallView inCall() {
        return inCall;
    }

    /** Keyboard shortcuts while a call shows; returns whether the key was handled. */
    public boolean shortcut(javafx.scene.input.KeyEvent e, boolean typing) {
        if (!isVisible()) {
            return false;
        }
        if (inCall.isVisible()) {
            return inCall.shortcut(e, typing);
        }
        if (typing) {
            return false;
        }
        var code = e.getCode();
        if (code == javafx.scene.input.KeyCode.ESCAPE
                || (e.isShortcutDown() && code == javafx.scene.input.KeyCode.W)) {
            (ringing.cancelButton().isVisible() ? ringing.cancelButton() : ringing.declineButton()).fire();
            return true;
        }
        if (code == javafx.scene.input.KeyCode.ENTER && ringing.acceptButton().isVisible()) {
            ringing.acceptButton().fire();
            return true;
        }
        return false;
    }
}
