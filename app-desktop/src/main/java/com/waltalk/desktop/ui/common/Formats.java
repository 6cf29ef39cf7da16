package com.waltalk.desktop.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How times and durations read in the UI: "4:07", "1:02:09", "14:05", "Yesterday 14:05", "Mon 14:05",
 * "3 Mar 14:05". Stateless; thread-safe.
 */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private Formats() {
    }

    /** A wait in words for "try again in …": "40 s", "12 min", "5 h" (rounded up). */
    public static String waitTime(long millis) {
        long s = Math.max(1, (millis + 999) / 1000);
        if (s < 90) {
            return s + " s";
        }
        long min = (s + 59) / 60;
        if (min < 90) {
            return min + " min";
        }
        return ((min + 59) / 60) + " h";
    }

    /** A call duration: m:ss below an hour, h:mm:ss above. Negative counts as zero. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** When something happened, relative to {@code now}: as short as is still unambiguous. */
    public static String when(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = t.toLocalDate();
        if (day.equals(today)) {
            return TIME.format(t);
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday " + TIME.format(t);
        }
        if (day.isAfter(today.minusDays(7)) && !day.isAfter(today)) {
            return WEEKDAY.format(t);
        }
        if (day.getYear() == today.getYear()) {
            return DATE.format(t);
        }
        return DATE_YEAR.format(t);
    }

    public static String when(Instant at) {
        return when(at, Instant.now(), ZoneId.systemDefault());
    }

    /** Time of day of an instant (chat bubbles). */
    public static String timeOfDay(Instant at) {
        return TIME.format(at.atZone(ZoneId.systemDefault()));
    }

    /** Microseconds since the epoch (the protocol's time unit) as an instant. */
    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
