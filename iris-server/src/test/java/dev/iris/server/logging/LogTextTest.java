package dev.iris.server.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class LogTextTest
{
    @Test
    void escapesLineBreaksAndOtherControlCharacters()
    {
        assertThat(LogText.escape("a\r\nb\tc\u0000d\u001be\u007ff\u0085g\u2028h\u2029i"))
                .isEqualTo("a\\r\\nb\\tc\\u0000d\\u001be\\u007ff\\u0085g\\u2028h\\u2029i");
    }

    @Test
    void leavesPrintableTextAlone()
    {
        String text = "Renée's app \\n (literal backslash-n) 日本 \uD83D\uDE00";
        assertThat(LogText.escape(text)).isSameAs(text);
        assertThat(LogText.escape(null)).isNull();
    }
}
