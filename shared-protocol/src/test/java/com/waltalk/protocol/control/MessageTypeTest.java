package com.waltalk.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

    /** The wire names are part of the protocol: pinned here so a rename cannot change them. */
    @Test
    void wireNamesArePinned() {
        Map<MessageType, String> expected = new LinkedHashMap<>();
        expected.put(MessageType.HELLO, "hello");
        expected.put(MessageType.WELCOME, "welcome");
        expected.put(MessageType.REGISTER, "register");
        expected.put(MessageType.SIGN_IN, "sign_in");
        expected.put(MessageType.SIGNED_IN, "signed_in");
        expected.put(MessageType.SIGN_OUT, "sign_out");
        expected.put(MessageType.CONTACTS, "contacts");
        expected.put(MessageType.CONTACT, "contact");
        expected.put(MessageType.CONTACT_ACTION, "contact_action");
        expected.put(MessageType.PRESENCE, "presence");
        expected.put(MessageType.CALL_START, "call_start");
        expected.put(MessageType.CALL_ACCEPT, "call_accept");
        expected.put(MessageType.CALL_DECLINE, "call_decline");
        expected.put(MessageType.CALL_HANGUP, "call_hangup");
        expected.put(MessageType.MEDIA_STATE, "media_state");
        expected.put(MessageType.CALL, "call");
        expected.put(MessageType.CALL_HISTORY, "call_history");
        expected.put(MessageType.CHAT_SEND, "chat_send");
        expected.put(MessageType.CHAT, "chat");
        expected.put(MessageType.CHAT_HISTORY, "chat_history");
        expected.put(MessageType.ERROR, "error");
        expected.put(MessageType.PING, "ping");
        expected.put(MessageType.PONG, "pong");

        assertThat(MessageType.values()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((type, wire) -> {
            assertThat(type.wire()).isEqualTo(wire);
            assertThat(type.toString()).as("toString is the wire name").isEqualTo(wire);
            assertThat(type.name()).isEqualTo(wire.toUpperCase(java.util.Locale.ROOT));
        });
    }

    @Test
    void fromWireFindsEveryTypeAndNothingElse() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.fromWire(type.wire())).contains(type);
        }
        assertThat(MessageType.fromWire("HELLO")).as("case-sensitive").isEmpty();
        assertThat(MessageType.fromWire("call_update")).isEmpty();
        assertThat(MessageType.fromWire("")).isEmpty();
        assertThat(MessageType.fromWire(null)).isEmpty();
    }

    /** The enum and PROTOCOL.md's "Messages at a glance" table list the same types. */
    @Test
    void matchesTheMessagesAtAGlanceTableInProtocolMd() throws IOException {
        String section = section(Files.readString(Path.of("..", "docs", "PROTOCOL.md")),
                "### Messages at a glance");
        Set<String> documented = new TreeSet<>();
        // first cell of each table row, e.g. "| `call_start` |" or "| `ping`, `pong` |"
        Matcher row = Pattern.compile("(?m)^\\|([^|]*)\\|").matcher(section);
        while (row.find()) {
            Matcher name = Pattern.compile("`([a-z_]+)`").matcher(row.group(1));
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        assertThat(wires()).isEqualTo(documented);
    }

    /** Every type has its own section ("### `call`", "### `ping` and `pong`") in PROTOCOL.md. */
    @Test
    void everyTypeHasASectionInProtocolMd() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
        Set<String> described = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^### (`.*)$").matcher(doc);
        while (heading.find()) {
            String title = heading.group(1);
            // the names come before the dash: "### `call_accept`, `call_decline` — client → relay"
            int dash = title.indexOf('—');
            Matcher name = Pattern.compile("`([a-z_]+)`")
                    .matcher(dash < 0 ? title : title.substring(0, dash));
            while (name.find()) {
                described.add(name.group(1));
            }
        }
        assertThat(described).isEqualTo(wires());
    }

    private static Set<String> wires() {
        return Arrays.stream(MessageType.values()).map(MessageType::wire)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** From {@code heading} to the next heading of any level. */
    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = doc.indexOf("\n#", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
