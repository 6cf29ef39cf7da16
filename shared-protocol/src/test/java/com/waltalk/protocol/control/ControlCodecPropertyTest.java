package com.waltalk.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.waltalk.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class ControlCodecPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 1000)
    void decodeInvertsEncode(@ForAll("messages") ControlMessage message) throws ProtocolException {
        String json = ControlCodec.encode(message);

        assertThat(json).startsWith("{\"type\":\"" + message.type() + "\"");
        assertThat(ControlCodec.decode(json)).isEqualTo(message);
    }

    @Property(tries = 500)
    void unknownPropertiesAreIgnored(@ForAll("messages") ControlMessage message,
            @ForAll("jsonValues") String extra) throws ProtocolException {
        String json = ControlCodec.encode(message);
        String extended = "{\"zz_future\":" + extra + "," + json.substring(1);

        assertThat(ControlCodec.decode(extended)).isEqualTo(message);
    }

    @Property(tries = 1000)
    void arbitraryStringsDecodeOrFailWithProtocolException(
            @ForAll @Size(max = 400) String text) {
        assertDecodesOrRejects(text);
    }

    @Property(tries = 1000)
    void jsonLikeStringsDecodeOrFailWithProtocolException(@ForAll("jsonLike") String text) {
        assertDecodesOrRejects(text);
    }

    @Property(tries = 2000)
    void randomObjectsDecodeOrFailWithProtocolException(@ForAll("randomObjects") String text) {
        assertDecodesOrRejects(text);
    }

    @Property(tries = 2000)
    void mutatedMessagesDecodeOrFailWithProtocolException(
            @ForAll("messages") ControlMessage message,
            @ForAll @Size(min = 1, max = 4) List<@From("edits") Edit> edits) {
        String text = ControlCodec.encode(message);
        for (Edit edit : edits) {
            text = edit.apply(text);
        }

        assertDecodesOrRejects(text);
    }

    /**
     * Replaces one property anywhere in a valid message (nested ones included) by a value that
     * is right for some field and wrong for others, or removes it. (Messages without
     * properties, such as {@code sign_out}, are skipped.)
     */
    @Property(tries = 2000)
    void fieldEditedMessagesDecodeOrFailWithProtocolException(
            @ForAll("messages") ControlMessage message,
            @ForAll @IntRange(min = 0, max = 1_000_000) int pick,
            @ForAll("fieldValuesOrRemove") String value) throws Exception {
        JsonNode tree = JSON.readTree(ControlCodec.encode(message));
        List<Map.Entry<ObjectNode, String>> slots = new ArrayList<>();
        collectSlots(tree, slots);
        slots.remove(0);  // the message's "type", covered by the other properties
        Assume.that(!slots.isEmpty());
        Map.Entry<ObjectNode, String> slot = slots.get(pick % slots.size());
        if (value.isEmpty()) {
            slot.getKey().remove(slot.getValue());
        } else {
            slot.getKey().set(slot.getValue(), JSON.readTree(value));
        }
        Statistics.label("edited").collect(slot.getValue());

        assertDecodesOrRejects(JSON.writeValueAsString(tree));
    }

    private static void collectSlots(JsonNode node, List<Map.Entry<ObjectNode, String>> slots) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(p -> slots.add(Map.entry(object, p.getKey())));
        }
        node.elements().forEachRemaining(child -> collectSlots(child, slots));
    }

    private static void assertDecodesOrRejects(String text) {
        try {
            ControlMessage message = ControlCodec.decode(text);
            Statistics.label("outcome").collect("decoded");
            assertThat(message).isNotNull();
        } catch (ProtocolException expected) {
            Statistics.label("outcome").collect(expected.code().wire());
        }
    }

    /** Replaces {@code length} chars at a fractional position with {@code insert}. */
    record Edit(double where, int length, String insert) {
        String apply(String s) {
            int start = (int) (where * s.length());
            int end = Math.min(s.length(), start + length);
            return s.substring(0, start) + insert + s.substring(end);
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.just(""),
                ControlArbitraries.jsonLikeStrings()
                        .map(s -> s.length() > 8 ? s.substring(0, 8) : s),
                Arbitraries.strings().all().ofMaxLength(3));
        return Combinators.combine(
                Arbitraries.doubles().between(0, true, 1, false),
                Arbitraries.integers().between(0, 5), insert).as(Edit::new);
    }

    /** A JSON value for a property, or "" to remove it. */
    @Provide
    Arbitrary<String> fieldValuesOrRemove() {
        return Arbitraries.oneOf(Arbitraries.just(""), ControlArbitraries.fieldValues());
    }

    @Provide
    Arbitrary<ControlMessage> messages() {
        return ControlArbitraries.messages();
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return ControlArbitraries.jsonValues();
    }

    @Provide
    Arbitrary<String> randomObjects() {
        return ControlArbitraries.randomObjects();
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return ControlArbitraries.jsonLikeStrings();
    }
}
