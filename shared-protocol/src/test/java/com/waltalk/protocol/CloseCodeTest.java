package com.waltalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CloseCodeTest {

    @Test
    void everyCodeRoundTripsAndUnknownNumbersAreEmpty() {
        for (CloseCode c : CloseCode.values()) {
            assertThat(CloseCode.of(c.code())).contains(c);
        }
        assertThat(CloseCode.of(1006)).isEmpty();
        assertThat(CloseCode.of(4999)).isEmpty();
    }

    @Test
    void walTalksOwnCodesAreInThePrivateRange() {
        assertThat(CloseCode.SESSION_REPLACED.code()).isEqualTo(4000);
        assertThat(CloseCode.TOO_SLOW.code()).isEqualTo(4001);
        assertThat(CloseCode.ACCOUNT_REMOVED.code()).isEqualTo(4002);
    }

    /** The enum and PROTOCOL.md's close code table list the same numbers. */
    @Test
    void matchesTheTableInProtocolMd() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "PROTOCOL.md"));
        int start = doc.indexOf("## WebSocket close codes");
        assertThat(start).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        Matcher m = Pattern.compile("(?m)^\\|\\s*(\\d{4})\\s*\\|").matcher(section);
        Set<Integer> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(Integer.parseInt(m.group(1)));
        }
        Set<Integer> defined = Arrays.stream(CloseCode.values()).map(CloseCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(defined).isEqualTo(documented);
    }
}
