package com.waltalk.relay.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ContactAction;
import com.waltalk.protocol.control.ContactAction.Kind;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.relay.limits.Limit;
import com.waltalk.relay.limits.LimitSettings;
import com.waltalk.relay.limits.Rate;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contact requests are limited per account per day (issue 12), counting requests for names that do not
 * exist too, so a stranger can neither pester nor enumerate; the limit holds across the account's
 * connections because it lives in the database.
 */
class ContactRequestLimitIT {

    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("contact_limit_it").withStrangers()
            .withLimits(LimitSettings.UNLIMITED.with(Limit.CONTACT_REQUESTS, Rate.parse("3/1d")));

    @Test
    void theFourthRequestOfTheDayIsRateLimitedEvenOnANewConnection() throws Exception {
        try (SimulatedClient a = SimulatedClient.signIn(relay.webSocketUri(), "spammer");
             SimulatedClient t1 = SimulatedClient.signIn(relay.webSocketUri(), "target1");
             SimulatedClient t2 = SimulatedClient.signIn(relay.webSocketUri(), "target2")) {
            a.sendControl(new ContactAction("target1", Kind.REQUEST));
            t1.awaitControl(ContactUpdate.class, u -> u.user().equals("spammer"), T);
            a.sendControl(new ContactAction("no_such_name", Kind.REQUEST));
            assertThat(a.nextError(T).code()).isEqualTo(ErrorCode.UNKNOWN_PEER.wire());
            a.close();
            try (SimulatedClient again = SimulatedClient.signIn(relay.webSocketUri(), "spammer")) {
                again.sendControl(new ContactAction("target2", Kind.REQUEST));
                t2.awaitControl(ContactUpdate.class, u -> u.user().equals("spammer"), T);
                again.sendControl(new ContactAction("someone_else", Kind.REQUEST));
                ErrorMessage refused = again.nextError(T);
                assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
                assertThat(refused.retryAfterMs()).isPositive();
            }
        }
    }
}
