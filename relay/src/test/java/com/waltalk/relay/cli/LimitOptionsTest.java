package com.waltalk.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.limits.Limit;
import com.waltalk.relay.limits.LimitSettings;
import com.waltalk.relay.limits.Rate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code relay serve}'s abuse-limit options: named as {@link Limit} says, defaulting to its defaults. */
class LimitOptionsTest {

    @Test
    void withoutOptionsTheRelayRunsWithTheDocumentedDefaults() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        RelaySettings settings = serve.settings();
        assertThat(settings.limits()).isEqualTo(LimitSettings.DEFAULT);
        assertThat(settings.limits().chatRetention()).isEqualTo(Duration.ofDays(365));
        assertThat(settings.limits().chatQuotaBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(settings.limits().rate(Limit.REGISTRATIONS)).isEqualTo(Rate.of(5, Duration.ofHours(1)));
        assertThat(settings.limits().rate(Limit.RINGS_PER_CALLEE)).isEqualTo(Rate.of(3, Duration.ofMinutes(1)));
        assertThat(settings.limits().rate(Limit.CHAT_SENT)).isEqualTo(new Rate(5, Duration.ofSeconds(1), 20));
        assertThat(settings.registrationOpen()).isTrue();
        assertThat(settings.limits().inviteRequired()).isFalse();
    }

    @Test
    void everyLimitHasTheOptionAndEnvironmentVariableItsEnumNames() {
        CommandLine cl = new CommandLine(new ServeCommand());
        for (Limit limit : Limit.values()) {
            CommandLine.Model.OptionSpec option = cl.getCommandSpec().findOption(limit.option());
            assertThat(option).as(limit.option()).isNotNull();
            assertThat(option.defaultValue()).as(limit + "'s default (no such variable is set here)")
                    .isEqualTo(limit.defaultRate().toString());
            assertThat(String.join(" ", option.description())).as(limit + "'s help")
                    .contains("env " + limit.environmentVariable() + ",");
        }
    }

    @Test
    void optionsSetLimitsRetentionQuotaAndInvitationOnlyRegistration() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--registration", "invite", "--limit-chat-received", "10/1s:40",
                "--chat-retention", "30d", "--chat-quota", "2MB");
        RelaySettings settings = serve.settings();
        assertThat(settings.registrationOpen()).as("invite mode accepts register (with a code)").isTrue();
        assertThat(settings.limits().inviteRequired()).isTrue();
        assertThat(settings.limits().rate(Limit.CHAT_RECEIVED)).isEqualTo(new Rate(10, Duration.ofSeconds(1), 40));
        assertThat(settings.limits().chatRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.limits().chatQuotaBytes()).isEqualTo(2L * 1024 * 1024);

        ServeCommand closed = new ServeCommand();
        new CommandLine(closed).parseArgs("--registration", "closed");
        assertThat(closed.settings().registrationOpen()).isFalse();
    }

    @Test
    void aMalformedRateOrSizeIsAUsageErrorSayingWhatIsExpected() {
        assertThatThrownBy(() -> new CommandLine(new ServeCommand()).parseArgs("--limit-rings", "lots"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected <count>/<period>[:<burst>]");
        assertThatThrownBy(() -> new CommandLine(new ServeCommand()).parseArgs("--chat-quota", "big"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("is not a size");
    }
}
