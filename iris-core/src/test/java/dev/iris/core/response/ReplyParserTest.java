package dev.iris.core.response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class ReplyParserTest
{
    private static final String BATCH = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"f", "F", "fine thanks", "Fix it now", "f 123 claim", "  foo  "})
    void repliesStartingWithFAreApologies(String text)
    {
        assertThat(ReplyParser.parse(text)).contains(Reply.apology());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A", "a   ", " a", "claim all", "Claim   ALL", "claim all please", "claim\tall"})
    void claimAllForms(String text)
    {
        assertThat(ReplyParser.parse(text)).contains(Reply.claimAll());
    }

    @ParameterizedTest
    @ValueSource(strings = {"l", "L", "l  ", "claim last", "CLAIM LAST", "claim    last one"})
    void claimLastForms(String text)
    {
        assertThat(ReplyParser.parse(text)).contains(Reply.claimLast());
    }

    @Test
    void idThenCommand()
    {
        assertThat(ReplyParser.parse("12345 claim")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parse("12345    claim arg1 arg2")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parse("12345 CLAIM")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parse("  12345 claim  ")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parse("12345 suppress")).contains(Reply.message("12345", "suppress"));
    }

    @Test
    void commandThenId()
    {
        assertThat(ReplyParser.parse("claim 12345")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parse("Claim 12345 claim arg1")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parse("SUPPRESS 12345")).contains(Reply.message("12345", "suppress"));
    }

    @Test
    void batchIds()
    {
        assertThat(ReplyParser.parse(BATCH + " claim")).contains(Reply.batch(BATCH, "claim"));
        assertThat(ReplyParser.parse("claim " + BATCH)).contains(Reply.batch(BATCH, "claim"));
        assertThat(ReplyParser.parse(BATCH.toUpperCase() + " claim")).contains(Reply.batch(BATCH, "claim"));
    }

    @Test
    void batchIdStartingWithFIsNotAnApology()
    {
        String batch = "f" + BATCH.substring(1);
        assertThat(ReplyParser.parse(batch + " claim")).contains(Reply.batch(batch, "claim"));
        assertThat(ReplyParser.parse(batch + " nonsense")).contains(Reply.apology());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12345", "claim", "CLAIM", "hello", "12345 unclaim", "claim abc", "abc claim",
            "0123456789abcdef claim", "123x claim", "claim 12.5", "yes", "ok thanks", "1234567890123456789 claim", "allow me"})
    void invalidReplies(String text)
    {
        assertThat(ReplyParser.parse(text)).isEmpty();
    }

    @Test
    void nullIsInvalid()
    {
        assertThat(ReplyParser.parse(null)).isEmpty();
    }

    @Test
    void emailTakesTheIdFromAReSubject()
    {
        assertThat(ReplyParser.parseEmail("claim", "Re: 12345 Something is on fire")).contains(Reply.message("12345", "claim"));
        assertThat(ReplyParser.parseEmail("claim", "Re: " + BATCH + " 3 messages")).contains(Reply.batch(BATCH, "claim"));
        assertThat(ReplyParser.parseEmail("suppress", "Re: 12345")).contains(Reply.message("12345", "suppress"));
    }

    @Test
    void emailSubjectRuleNeedsExactlyTheCommandAndAReSubject()
    {
        // Iris compares the line exactly: "Claim" does not use the subject.
        assertThat(ReplyParser.parseEmail("Claim", "Re: 12345 x")).isEmpty();
        assertThat(ReplyParser.parseEmail("claim", "RE: 12345 x")).isEmpty();
        assertThat(ReplyParser.parseEmail("claim", "Fwd: 12345 x")).isEmpty();
        assertThat(ReplyParser.parseEmail("claim", "Re: abc x")).isEmpty();
        assertThat(ReplyParser.parseEmail("claim", null)).isEmpty();
    }

    @Test
    void emailLinesFollowTheSmsGrammarOtherwise()
    {
        assertThat(ReplyParser.parseEmail("777 claim", "Re: 12345 x")).contains(Reply.message("777", "claim"));
        assertThat(ReplyParser.parseEmail("claim all", "Re: 12345 x")).contains(Reply.claimAll());
        assertThat(ReplyParser.parseEmail("fine", null)).contains(Reply.apology());
    }

    @Test
    void emailFirstLine()
    {
        assertThat(ReplyParser.firstLine("\n  12345 claim \nOn Monday someone wrote:\n> page")).isEqualTo("12345 claim");
        assertThat(ReplyParser.firstLine("claim\r\nthanks")).isEqualTo("claim");
        assertThat(ReplyParser.firstLine("")).isEmpty();
        assertThat(ReplyParser.firstLine(null)).isEmpty();
    }

    @Test
    void phoneKeyTwoClaims()
    {
        assertThat(ReplyParser.parseKeypress("2", "42")).contains(Reply.message("42", "claim"));
        assertThat(ReplyParser.parseKeypress("2", BATCH)).contains(Reply.batch(BATCH, "claim"));
        assertThat(ReplyParser.parseKeypress("1", "42")).isEmpty();
        assertThat(ReplyParser.parseKeypress("", "42")).isEmpty();
        assertThat(ReplyParser.parseKeypress("2", "nope")).isEmpty();
        assertThat(ReplyParser.parseKeypress(null, "42")).isEmpty();
    }

    @Test
    void idAccessors()
    {
        Optional<Reply> reply = ReplyParser.parse("42 claim");
        assertThat(reply).isPresent();
        assertThat(reply.get().id()).contains("42");
        assertThat(reply.get().isClaim()).isTrue();
    }
}
