package com.waltalk.relay.bench;

import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.relay.accounts.PasswordHasher;
import com.waltalk.testing.Crowd;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sign-in time on a crowded relay: an embedded relay with {@code accounts} accounts, one of them with
 * {@code contacts} mutual contacts; prints the time from opening the connection to the last message of the
 * sign-in ({@code chat_history}) for that user and for a user with one contact, over {@code runs} sign-ins
 * each (bcrypt included: password sign-ins).
 *
 * <pre>java -cp 'bench/relay-bench/target/relay-bench-0.1.0-SNAPSHOT.jar:bench/relay-bench/target/lib/*' \
 *     com.waltalk.relay.bench.SignInScaleBench [accounts] [contacts] [runs]</pre>
 */
public final class SignInScaleBench {

    private SignInScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int contacts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Duration t = Duration.ofSeconds(60);
        try (RunningRelay relay = RunningRelay.loopback("signin_scale_bench").withStrangers().start()) {
            String hash = new PasswordHasher().hash(Crowd.PASSWORD.toCharArray());
            long populating = System.nanoTime();
            Crowd.populate(relay.database().pool(), accounts, contacts, hash);
            // wait until the relay's stream has brought the crowd in
            while (true) {
                try (SimulatedClient hub = Crowd.signIn(relay.webSocketUri(), Crowd.HUB)) {
                    int n = 0;
                    Contacts part;
                    do {
                        part = hub.awaitControl(Contacts.class, c -> true, t);
                        n += part.contacts().size();
                    } while (!part.last());
                    if (n >= contacts) {
                        break;
                    }
                }
            }
            System.out.printf("populated %,d accounts and %,d contacts, streamed in within %.1f s%n", accounts,
                    contacts, (System.nanoTime() - populating) / 1e9);
            report("user with " + contacts + " contacts", relay, Crowd.HUB, runs, t);
            report("user with 1 contact", relay, "crowd1", runs, t);
        }
    }

    private static void report(String label, RunningRelay relay, String user, int runs, Duration t) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (SimulatedClient c = Crowd.signIn(relay.webSocketUri(), user)) {
                c.awaitControl(ChatHistory.class, h -> true, t);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("sign-in of a %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)%n", label,
                ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], runs);
    }
}
