package dev.iris.api.status;

import dev.iris.core.status.PublicStatus;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import java.io.StringWriter;
import java.time.Instant;

/**
 * The status page's Atom feed (RFC 4287): one entry per public update, newest first. Written with
 * the JDK's StAX writer, which escapes the text.
 */
final class StatusAtomFeed
{
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private StatusAtomFeed() {}

    static String render(PublicStatus status, String publicUrl)
    {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", publicUrl + "/status");
            element(xml, "title", status.title());
            Instant updated = status.incidents().stream().map(PublicStatus.Incident::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
            element(xml, "updated", updated.toString());
            link(xml, publicUrl + "/status", "alternate");
            link(xml, publicUrl + "/status/feed.atom", "self");
            xml.writeStartElement("author");
            element(xml, "name", status.title());
            xml.writeEndElement();
            for (PublicStatus.Incident incident : status.incidents()) {
                for (PublicStatus.Update update : incident.updates()) {
                    xml.writeStartElement("entry");
                    element(xml, "id", publicUrl + "/status/incidents/" + incident.id() + "#update-" + update.id());
                    element(xml, "title", incident.title() + ": " + update.status());
                    element(xml, "updated", update.created().toString());
                    element(xml, "published", update.created().toString());
                    link(xml, publicUrl + "/status/incidents/" + incident.id(), "alternate");
                    xml.writeStartElement("content");
                    xml.writeAttribute("type", "text");
                    xml.writeCharacters(update.body());
                    xml.writeEndElement();
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the Atom feed", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text)
            throws XMLStreamException
    {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String href, String rel)
            throws XMLStreamException
    {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
