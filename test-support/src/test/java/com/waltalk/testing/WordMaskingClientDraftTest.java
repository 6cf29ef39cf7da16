package com.waltalk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.Framedata;

class WordMaskingClientDraftTest {

    @Property(tries = 200)
    void whatItMasksTheStockServerParserReadsBack(@ForAll long seed, @ForAll @IntRange(min = 0, max = 70_000) int size,
                                                 @ForAll boolean fin) throws Exception {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        WordMaskingClientDraft client = new WordMaskingClientDraft();
        client.setParseMode(Role.CLIENT);
        BinaryFrame frame = new BinaryFrame();
        frame.setFin(fin);
        frame.setPayload(ByteBuffer.wrap(payload.clone()));
        ByteBuffer wire = client.createBinaryFrame(frame);

        assertThat(wire.get(1) & 0x80).as("mask bit").isEqualTo(0x80);
        Draft_6455 server = new Draft_6455();
        server.setParseMode(Role.SERVER);
        List<Framedata> read = server.translateFrame(wire);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).isFin()).isEqualTo(fin);
        ByteBuffer got = read.get(0).getPayloadData();
        byte[] bytes = new byte[got.remaining()];
        got.get(bytes);
        assertThat(bytes).isEqualTo(payload);
    }
}
