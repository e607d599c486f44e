package dev.iris.plugin.smtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MxRecordTest
{
    @Test
    void parsesTheTextFormThatJndiGives()
    {
        assertThat(MxRecord.parse("10 mx1.example.com.")).isEqualTo(new MxRecord(10, "mx1.example.com"));
        assertThat(MxRecord.parse("  5\tMX2.Example.COM  ")).isEqualTo(new MxRecord(5, "mx2.example.com"));
        assertThat(MxRecord.parse("65535 relative-name")).isEqualTo(new MxRecord(65535, "relative-name"));
    }

    @Test
    void nullMxHasNoHost()
    {
        MxRecord none = MxRecord.parse("0 .");

        assertThat(none.isNull()).isTrue();
        assertThat(MxRecord.parse("0 mx.example.com.").isNull()).isFalse();
    }

    @Test
    void rejectsWhatIsNotAnMxRecord()
    {
        assertThatThrownBy(() -> MxRecord.parse("mx1.example.com.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxRecord.parse("ten mx1.example.com.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxRecord.parse("10 mx1.example.com. extra")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxRecord.parse("70000 mx1.example.com.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxRecord.parse("-1 mx1.example.com.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MxRecord.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
