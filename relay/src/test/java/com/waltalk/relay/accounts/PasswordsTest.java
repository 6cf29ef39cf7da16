package com.waltalk.relay.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link PasswordHasher} and {@link PasswordPolicy}. */
class PasswordsTest {

    private final PasswordHasher hasher = new PasswordHasher(4);
    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void hashVerifiesOnlyTheSamePasswordAndLeavesTheArrayAlone() {
        char[] password = "correct horse".toCharArray();
        String hash = hasher.hash(password);

        assertThat(hash).startsWith("$2a$04$").hasSize(60);
        assertThat(password).isEqualTo("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horsE".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("correct horse".toCharArray(), "not a bcrypt hash")).isFalse();
        assertThat(hasher.verify("correct horse".toCharArray(), null)).isFalse();
        assertThat(hasher.hash(password)).as("salted").isNotEqualTo(hash);
    }

    @Test
    void passwordsLongerThanBcryptsSeventyTwoBytesAreNotTruncated() {
        String base = "p".repeat(150);
        String hash = hasher.hash((base + "1").toCharArray());

        assertThat(hasher.verify((base + "1").toCharArray(), hash)).isTrue();
        assertThat(hasher.verify((base + "2").toCharArray(), hash)).isFalse();
    }

    @Test
    void dummyVerificationUsesAWellFormedHashOfTheConfiguredCost() {
        PasswordHasher production = new PasswordHasher();
        assertThat(production.cost()).isEqualTo(11);
        assertThat(production.dummyHash()).startsWith("$2a$11$").hasSize(60);
        assertThat(hasher.dummyHash()).startsWith("$2a$04$").hasSize(60);
        assertThat(hasher.dummyVerify("anything".toCharArray())).isFalse();
        assertThatThrownBy(() -> new PasswordHasher(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyRefusesShortLongAndNameEqualPasswordsWithAReason() {
        assertThat(policy.check("ann", "1234567".toCharArray())).contains("password must have at least 8 characters");
        assertThat(policy.check("ann", "12345678".toCharArray())).isEmpty();
        assertThat(policy.check("ann", "x".repeat(200).toCharArray())).isEmpty();
        assertThat(policy.check("ann", "x".repeat(201).toCharArray())).contains("password must have at most 200 characters");
        assertThat(policy.check("Annabelle", "aNNABELLE".toCharArray())).contains("password must not be the user name");
        assertThat(policy.check("Annabelle", "Annabelle1".toCharArray())).isEmpty();
        // characters, not UTF-16 units: eight emoji are eight characters
        assertThat(policy.check("ann", "😀".repeat(8).toCharArray())).isEmpty();
        assertThat(policy.check("ann", "😀".repeat(7).toCharArray())).isPresent();
    }
}
