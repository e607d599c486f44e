package dev.iris.relay.twilio;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiML;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.messaging.Message;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The TwiML documents the relay answers with, built with twilio-java so that text is always
 * XML-escaped.
 */
public final class TwiMl
{
    /** Twilio refuses longer SMS bodies. */
    static final int MAX_SMS_CHARACTERS = 1600;
    /** Twilio's limit for one {@code <Say>}. */
    static final int MAX_SAY_CHARACTERS = 4096;

    private TwiMl() {}

    /**
     * Iris speaks with the {@code alice} voice in US English.
     */
    public static Say say(String text, Integer loop)
    {
        return new Say.Builder(truncate(text, MAX_SAY_CHARACTERS))
                .voice(Say.Voice.ALICE)
                .language(Say.Language.EN_US)
                .loop(loop)
                .build();
    }

    /**
     * An SMS reply; a blank text sends no reply at all.
     */
    public static Response message(String text)
    {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        if (text != null && !text.isBlank()) {
            response.message(new Message.Builder(truncate(text, MAX_SMS_CHARACTERS)).build());
        }
        return xml(response.build());
    }

    /**
     * Speaks {@code text} twice and hangs up, as Iris does after a key press.
     */
    public static Response sayAndHangUp(String text)
    {
        return xml(new VoiceResponse.Builder()
                .say(say(text, 2))
                .hangup(new Hangup.Builder().build())
                .build());
    }

    public static Response xml(TwiML twiml)
    {
        try {
            return Response.ok(twiml.toXml(), MediaType.APPLICATION_XML_TYPE).build();
        }
        catch (TwiMLException e) {
            throw new IllegalStateException("Could not render TwiML", e);
        }
    }

    private static String truncate(String text, int maxCharacters)
    {
        if (text.length() <= maxCharacters) {
            return text;
        }
        return text.substring(0, maxCharacters - 1) + "…";
    }
}
