package dev.iris.relay.twilio;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The TwiML documents the relay answers with, written with the JDK's {@link XMLStreamWriter}, so
 * text and attributes are always XML-escaped. (twilio-java's TwiML builders would bring its
 * REST client's dependencies into the relay; the relay only answers Twilio's callbacks.)
 */
public final class TwiMl
{
    /** Twilio refuses longer SMS bodies. */
    static final int MAX_SMS_CHARACTERS = 1600;
    /** Twilio's limit for one {@code <Say>}. */
    static final int MAX_SAY_CHARACTERS = 4096;

    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    private TwiMl() {}

    /**
     * One TwiML verb: its name, attributes in order, and its text or nested verbs.
     */
    public record Verb(String name, Map<String, String> attributes, String text, List<Verb> nested)
    {
        public Verb
        {
            requireNonNull(name, "name is null");
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            nested = List.copyOf(nested);
        }
    }

    /**
     * Iris speaks with the {@code alice} voice in US English; {@code loop} null: Twilio's default.
     */
    public static Verb say(String text, Integer loop)
    {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("voice", "alice");
        attributes.put("language", "en-US");
        if (loop != null) {
            attributes.put("loop", Integer.toString(loop));
        }
        return new Verb("Say", attributes, truncate(text, MAX_SAY_CHARACTERS), List.of());
    }

    public static Verb pause(int seconds)
    {
        return new Verb("Pause", Map.of("length", Integer.toString(seconds)), null, List.of());
    }

    /**
     * A {@code <Gather>} with the given attributes (in order) around {@code prompt}.
     */
    public static Verb gather(Map<String, String> attributes, Verb prompt)
    {
        return new Verb("Gather", attributes, null, List.of(prompt));
    }

    public static Verb hangup()
    {
        return new Verb("Hangup", Map.of(), null, List.of());
    }

    /**
     * An SMS reply; a blank text sends no reply at all.
     */
    public static Response message(String text)
    {
        List<Verb> verbs = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            verbs.add(new Verb("Message", Map.of(), truncate(text, MAX_SMS_CHARACTERS), List.of()));
        }
        return xml(verbs);
    }

    /**
     * Speaks {@code text} twice and hangs up, as Iris does after a key press.
     */
    public static Response sayAndHangUp(String text)
    {
        return xml(List.of(say(text, 2), hangup()));
    }

    /**
     * {@code <Response>} with these verbs, as an HTTP answer.
     */
    public static Response xml(List<Verb> verbs)
    {
        return Response.ok(render(verbs), MediaType.APPLICATION_XML_TYPE).build();
    }

    static String render(List<Verb> verbs)
    {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter writer = XML.createXMLStreamWriter(text);
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement("Response");
            for (Verb verb : verbs) {
                write(writer, verb);
            }
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("Could not render TwiML", e);
        }
        return text.toString();
    }

    private static void write(XMLStreamWriter writer, Verb verb)
            throws XMLStreamException
    {
        boolean empty = verb.text() == null && verb.nested().isEmpty();
        if (empty) {
            writer.writeEmptyElement(verb.name());
        }
        else {
            writer.writeStartElement(verb.name());
        }
        for (Map.Entry<String, String> attribute : verb.attributes().entrySet()) {
            writer.writeAttribute(attribute.getKey(), attribute.getValue());
        }
        if (empty) {
            return;
        }
        if (verb.text() != null) {
            writer.writeCharacters(verb.text());
        }
        for (Verb inner : verb.nested()) {
            write(writer, inner);
        }
        writer.writeEndElement();
    }

    private static String truncate(String text, int maxCharacters)
    {
        if (text.length() <= maxCharacters) {
            return text;
        }
        return text.substring(0, maxCharacters - 1) + "…";
    }
}
