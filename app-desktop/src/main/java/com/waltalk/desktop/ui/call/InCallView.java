package com.waltalk.desktop.ui.call;

import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.session.Conversation;
import com.waltalk.desktop.session.MediaSwitches;
import com.waltalk.desktop.ui.chat.ChatPanel;
import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.Formats;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.Icons;
import java.time.Instant;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * An accepted call: the peer's video filling the window, my self-view small in a corner (draggable,
 * snaps to the nearest corner), name and call timer, the peer's "muted"/"camera off" indicators, the
 * control bar (mute, camera, chat, statistics, hang up) and a chat panel that slides in on the right.
 *
 * <p>The two {@link ImageView}s are filled by the video pipeline; this view only lays them out.
 * Create and use on the JavaFX thread.
 */
public final class InCallView extends BorderPane {

    private final FxSession session;
    private final ImageView peerImage = new ImageView();
    private final ImageView selfImage = new ImageView();
    private final Label peerName = new Label();
    private final Label timer = new Label("0:00");
    private final HBox peerMuted = indicator("peerMutedIndicator", Icons.crossed(Icons.MIC, 14), "Muted");
    private final HBox peerCameraOff = indicator("peerCameraOffIndicator", Icons.crossed(Icons.VIDEOCAM, 14),
            "Camera off");
    private final Label peerPlaceholderText = new Label();
    private final StackPane peerAvatar = new StackPane();
    private final VBox peerPlaceholder;
    private final Label selfOff = new Label("Your camera is off");
    private final StackPane selfView;
    private final StatsOverlay stats = new StatsOverlay();
    private final ToggleButton mute = toggle("muteButton", "Mute microphone (M)");
    private final ToggleButton camera = toggle("cameraButton", "Turn camera off (V)");
    private final ToggleButton chatToggle = toggle("chatButton", "Chat (C)");
    private final ToggleButton statsToggle = toggle("statsButton", "Statistics (S)");
    private final Button hangup = new Button();
    private final Label chatBadge = new Label();
    private final ChatPanel chat;
    private final BooleanProperty peerVideoShowing = new SimpleBooleanProperty(false);
    private final SelfViewDragger dragger;
    private final Timeline ticker;
    private CallView call;

    public InCallView(FxSession session) {
        this.session = session;
        this.chat = new ChatPanel(session, chatHeader(), "call-");
        getStyleClass().add("call-stage");
        setId("inCallView");

        peerImage.setId("peerVideo");
        peerImage.setPreserveRatio(true);
        peerImage.setSmooth(true);
        peerPlaceholderText.getStyleClass().add("call-status");
        peerPlaceholderText.setId("peerVideoPlaceholder");
        peerPlaceholder = new VBox(16, peerAvatar, peerPlaceholderText);
        peerPlaceholder.setAlignment(Pos.CENTER);
        peerPlaceholder.getStyleClass().add("video-placeholder");
        peerImage.visibleProperty().bind(peerVideoShowing);
        peerPlaceholder.visibleProperty().bind(peerVideoShowing.not());
        StackPane peerLayer = new StackPane(peerPlaceholder, peerImage);
        peerLayer.setMinSize(0, 0);
        peerImage.fitWidthProperty().bind(peerLayer.widthProperty());
        peerImage.fitHeightProperty().bind(peerLayer.heightProperty());

        selfImage.setId("selfVideo");
        selfImage.setFitWidth(208);
        selfImage.setFitHeight(117);
        selfImage.setPreserveRatio(true);
        selfOff.getStyleClass().add("small");
        selfView = new StackPane(selfOff, selfImage);
        selfView.setId("selfView");
        selfView.getStyleClass().add("self-view");
        selfView.setPrefSize(208, 117);
        selfView.setMinSize(208, 117);
        selfView.setMaxSize(208, 117);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle(208, 117);
        clip.setArcWidth(20);
        clip.setArcHeight(20);
        selfImage.setClip(clip);
        Pane selfLayer = new Pane(selfView);
        selfLayer.setPickOnBounds(false);
        dragger = new SelfViewDragger(selfLayer, selfView);

        peerName.getStyleClass().add("subtitle");
        peerName.setId("inCallPeer");
        timer.getStyleClass().add("call-timer");
        timer.setId("callTimer");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox topBar = new HBox(10, peerName, timer, grow, peerMuted, peerCameraOff);
        topBar.setAlignment(Pos.CENTER_LEFT);
        topBar.setPadding(new Insets(14, 16, 0, 16));
        topBar.setPickOnBounds(false);
        topBar.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(topBar, Pos.TOP_CENTER);

        stats.setVisible(false);
        StackPane.setAlignment(stats, Pos.TOP_LEFT);
        StackPane.setMargin(stats, new Insets(56, 0, 0, 16));

        mute.setGraphic(Icons.of(Icons.MIC, 22));
        camera.setGraphic(Icons.of(Icons.VIDEOCAM, 22));
        chatToggle.setGraphic(Icons.of(Icons.CHAT, 20));
        statsToggle.setGraphic(Icons.of(Icons.STATS, 22));
        hangup.setId("hangupButton");
        hangup.setGraphic(Icons.of(Icons.CALL_END, 24));
        hangup.getStyleClass().addAll("round-button", "danger");
        hangup.setTooltip(new Tooltip("Hang up (Ctrl+W or Esc)"));
        hangup.setOnAction(e -> session.model().hangup());
        mute.setOnAction(e -> session.model().setMuted(mute.isSelected()));
        camera.setOnAction(e -> session.model().setCameraOn(!camera.isSelected()));
        chatBadge.getStyleClass().add("badge");
        chatBadge.setId("callChatBadge");
        chatBadge.setMouseTransparent(true);
        chatBadge.setVisible(false);
        StackPane chatButtonBox = new StackPane(chatToggle, chatBadge);
        StackPane.setAlignment(chatBadge, Pos.TOP_RIGHT);
        chatButtonBox.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        HBox controls = new HBox(mute, camera, chatButtonBox, statsToggle, hangup);
        controls.getStyleClass().add("call-controls");
        controls.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(controls, Pos.BOTTOM_CENTER);
        StackPane.setMargin(controls, new Insets(0, 0, 18, 0));

        StackPane stage = new StackPane(peerLayer, stats, topBar, selfLayer, controls);
        stage.setMinSize(0, 0);
        setCenter(stage);

        chat.setPrefWidth(320);
        chat.setMinWidth(280);
        chat.readingProperty().bind(chatToggle.selectedProperty());
        chatToggle.selectedProperty().addListener((o, was, open) -> {
            setRight(open ? chat : null);
            if (open) {
                chat.input().requestFocus();
            }
            refreshBadge();
        });
        statsToggle.selectedProperty().bindBidirectional(stats.visibleProperty());

        session.localMediaProperty().addListener((o, was, now) -> showLocal(now));
        showLocal(session.localMediaProperty().get());
        session.conversations().addListener((MapChangeListener<String, Conversation>) c -> refreshBadge());

        ticker = new Timeline(new KeyFrame(Duration.seconds(0.5), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        visibleProperty().addListener((o, was, now) -> {
            if (now) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }

    private Node chatHeader() {
        Label title = new Label("Chat");
        title.getStyleClass().add("subtitle");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button();
        close.setGraphic(Icons.of(Icons.CLOSE, 16));
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close chat (C)"));
        close.setOnAction(e -> chatToggle.setSelected(false));
        HBox h = new HBox(title, grow, close);
        h.getStyleClass().add("chat-header");
        return h;
    }

    private static HBox indicator(String id, Node icon, String text) {
        Label l = new Label(text);
        l.getStyleClass().add("small");
        HBox box = new HBox(icon, l);
        box.getStyleClass().add("peer-state");
        box.setId(id);
        box.setVisible(false);
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static ToggleButton toggle(String id, String tip) {
        ToggleButton b = new ToggleButton();
        b.setId(id);
        b.getStyleClass().add("round-button");
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** Shows {@code c} (an accepted call); called again when the peer's switches change. */
    public void show(CallView c) {
        boolean newCall = call == null || call.callId() != c.callId();
        call = c;
        peerName.setText(c.peer());
        MediaSwitches peer = c.peerMedia();
        peerMuted.setVisible(!peer.micOn());
        peerCameraOff.setVisible(!peer.cameraOn());
        peerPlaceholderText.setText(peer.cameraOn() ? "Waiting for " + c.peer() + "'s video…"
                : c.peer() + " turned the camera off");
        if (newCall) {
            peerAvatar.getChildren().setAll(new Avatar(c.peer(), 120));
            chat.setPeer(c.peer());
            chatToggle.setSelected(false);
            peerVideoShowing.set(false);
            peerImage.setImage(null);
            dragger.snap(false);
        }
        tick();
    }

    private void showLocal(MediaSwitches local) {
        mute.setSelected(!local.micOn());
        mute.setGraphic(local.micOn() ? Icons.of(Icons.MIC, 22) : Icons.crossed(Icons.MIC, 22));
        mute.getTooltip().setText(local.micOn() ? "Mute microphone (M)" : "Unmute microphone (M)");
        camera.setSelected(!local.cameraOn());
        camera.setGraphic(local.cameraOn() ? Icons.of(Icons.VIDEOCAM, 22) : Icons.crossed(Icons.VIDEOCAM, 22));
        camera.getTooltip().setText(local.cameraOn() ? "Turn camera off (V)" : "Turn camera on (V)");
        selfImage.setVisible(local.cameraOn());
        selfOff.setVisible(!local.cameraOn());
    }

    private void refreshBadge() {
        int unread = call == null ? 0 : session.conversation(call.peer()).map(Conversation::unread).orElse(0);
        chatBadge.setText(Integer.toString(unread));
        chatBadge.setVisible(unread > 0 && !chatToggle.isSelected());
    }

    private void tick() {
        if (call != null && call.answeredAt() != null) {
            timer.setText(Formats.duration(java.time.Duration.between(call.answeredAt(), Instant.now())));
        }
    }

    /** Handles the call's keyboard shortcuts; returns whether the key was one of them. */
    public boolean shortcut(javafx.scene.input.KeyEvent e, boolean typing) {
        var code = e.getCode();
        if (e.isShortcutDown() && code == javafx.scene.input.KeyCode.W) {
            hangup.fire();
            return true;
        }
        if (typing || e.isShortcutDown() || e.isAltDown()) {
            if (typing && code == javafx.scene.input.KeyCode.ESCAPE && chatToggle.isSelected()) {
                chatToggle.setSelected(false);
                return true;
            }
            return false;
        }
        switch (code) {
            case M -> mute.fire();
            case V -> camera.fire();
            case C -> chatToggle.setSelected(!chatToggle.isSelected());
            case S -> statsToggle.setSelected(!statsToggle.isSelected());
            case ESCAPE -> hangup.fire();
            default -> {
                return false;
            }
        }
        return true;
    }

    public ImageView peerImage() {
        return peerImage;
    }

    public ImageView selfImage() {
        return selfImage;
    }

    /** True while frames from the peer arrive (the pipeline sets it); otherwise a placeholder shows. */
    public BooleanProperty peerVideoShowingProperty() {
        return peerVideoShowing;
    }

    public StatsOverlay stats() {
        return stats;
    }

    public boolean statsVisible() {
        return stats.isVisible();
    }

    public ChatPanel chat() {
        return chat;
    }

    public ToggleButton chatToggle() {
        return chatToggle;
    }
}
