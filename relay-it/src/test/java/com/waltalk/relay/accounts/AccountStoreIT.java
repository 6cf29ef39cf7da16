package com.waltalk.relay.accounts;

import com.waltalk.testing.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The users table through {@link AccountStore}, on a real PostgreSQL. */
class AccountStoreIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static AccountStore store;

    @BeforeAll
    static void open() {
        store = new AccountStore(db.pool());
    }

    @Test
    void createdUserIsFoundInAnyLetterCaseWithItsOwnSpelling() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        Account created = store.create("Alice.W", "$2a$04$hash");

        assertThat(created.id()).isPositive();
        assertThat(created.name()).isEqualTo("Alice.W");
        assertThat(created.passwordHash()).isEqualTo("$2a$04$hash");
        assertThat(created.createdAt()).isBetween(before, Instant.now().plusSeconds(5));
        assertThat(store.find("alice.w")).contains(created);
        assertThat(store.find("ALICE.W")).contains(created);
        assertThat(store.find("alice")).isEmpty();
        assertThat(store.find("not a valid name")).isEmpty();
        assertThat(created.toString()).doesNotContain("$2a$04$hash");
    }

    @Test
    void duplicateNamesAreRefusedAlsoWhenOnlyTheCaseDiffers() throws Exception {
        store.create("bob", "h1");

        assertThatThrownBy(() -> store.create("bob", "h2")).isInstanceOf(UserExistsException.class);
        assertThatThrownBy(() -> store.create("BoB", "h2")).isInstanceOf(UserExistsException.class)
                .hasMessageContaining("BoB");
        assertThat(store.find("bob").orElseThrow().passwordHash()).isEqualTo("h1");
    }

    @Test
    void invalidNamesAreRefusedByTheStoreAndByTheDatabase() throws Exception {
        assertThatThrownBy(() -> store.create("has space", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("x".repeat(33), "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("émile", "h")).isInstanceOf(IllegalArgumentException.class);

        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, password_hash) VALUES (?, 'h')")) {
            for (String bad : List.of("has space", "x".repeat(33), "", "émile", "new\nline")) {
                ps.setString(1, bad);
                assertThatThrownBy(ps::executeUpdate).as(bad).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"));
            }
        }
    }

    @Test
    void removeDeletesInAnyLetterCaseAndReportsWhetherTheUserExisted() throws Exception {
        store.create("Carol", "h");

        assertThat(store.remove("CAROL")).isTrue();
        assertThat(store.find("carol")).isEmpty();
        assertThat(store.remove("carol")).isFalse();
        assertThat(store.remove("not valid!")).isFalse();
        // the name is free again
        assertThat(store.create("carol", "h2").name()).isEqualTo("carol");
    }

    @Test
    void listIsOrderedByNameIgnoringCase() throws Exception {
        store.create("zed-list", "h");
        store.create("Amy-list", "h");
        store.create("mo-list", "h");

        List<String> names = store.list().stream().map(Account::name).filter(n -> n.endsWith("-list")).toList();
        assertThat(names).containsExactly("Amy-list", "mo-list", "zed-list");
    }

    @Test
    void ofTwoConcurrentRegistrationsOfOneNameExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String lower = "race" + round;
                String upper = lower.toUpperCase();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (String name : List.of(lower, upper)) {
                    Callable<Boolean> register = () -> {
                        start.await(5, TimeUnit.SECONDS);
                        try {
                            store.create(name, "h");
                            return true;
                        } catch (UserExistsException e) {
                            return false;
                        }
                    };
                    outcomes.add(pool.submit(register));
                }
                int wins = 0;
                for (Future<Boolean> f : outcomes) {
                    wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
                assertThat(store.find(lower)).isPresent();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
