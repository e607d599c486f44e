package dev.iris.plugin.twilio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class SmsTextTest
{
    @Test
    void countsSegmentsLikeTwilio()
    {
        assertThat(SmsText.segments("a".repeat(160))).isEqualTo(1);
        assertThat(SmsText.segments("a".repeat(161))).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(307))).isEqualTo(3);
        assertThat(SmsText.segments("€".repeat(81))).isEqualTo(2);
        assertThat(SmsText.segments("ê".repeat(70))).isEqualTo(1);
        assertThat(SmsText.segments("ê".repeat(71))).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(1600))).isEqualTo(11);
    }

    @Test
    void composesSubjectAndBodyAsIrisDoes()
    {
        assertThat(SmsText.compose(" Disk full ", "on db1\n")).isEqualTo("Disk full. on db1");
        assertThat(SmsText.compose("", "only body")).isEqualTo("only body");
        assertThat(SmsText.compose("only subject", "  ")).isEqualTo("only subject");
    }

    @Test
    void leavesTextThatFitsAlone()
    {
        assertThat(SmsText.fit("hello", 1600, Integer.MAX_VALUE)).isEqualTo("hello");
    }

    @Test
    void cutsGsmTextWithAnAsciiMarkerSoItStaysGsm()
    {
        String fitted = SmsText.fit("a".repeat(2000), 1600, Integer.MAX_VALUE);

        assertThat(fitted).hasSize(1600).endsWith("...");
        assertThat(SmsText.isGsm7(fitted)).isTrue();
    }

    @Test
    void cutsToASegmentBudget()
    {
        String fitted = SmsText.fit("a".repeat(1000), 1600, 2);

        assertThat(SmsText.segments(fitted)).isEqualTo(2);
        assertThat(fitted).hasSize(306).endsWith("...");
    }

    @Test
    void neverSplitsASurrogatePair()
    {
        String fire = "\uD83D\uDD25";
        String fitted = SmsText.fit(fire.repeat(1000), 1600, Integer.MAX_VALUE);

        assertThat(fitted.length()).isLessThanOrEqualTo(1600);
        assertThat(fitted).endsWith("…");
        String withoutMarker = fitted.substring(0, fitted.length() - 1);
        assertThat(withoutMarker.length() % 2).isZero();
        assertThat(withoutMarker.codePoints().allMatch(codePoint -> codePoint == 0x1F525)).isTrue();
    }
}
