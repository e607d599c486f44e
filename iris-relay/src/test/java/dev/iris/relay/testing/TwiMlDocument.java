package dev.iris.relay.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A TwiML answer parsed as XML, for assertions on its verbs.
 */
public final class TwiMlDocument
{
    private final Element response;

    private TwiMlDocument(Element response)
    {
        this.response = response;
    }

    public static TwiMlDocument parse(String xml)
    {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = document.getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new AssertionError("not a TwiML Response: " + xml);
            }
            return new TwiMlDocument(root);
        }
        catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    /**
     * The verbs directly under {@code <Response>}, in order.
     */
    public List<Element> verbs()
    {
        return children(response);
    }

    public List<String> verbNames()
    {
        return verbs().stream().map(Element::getTagName).toList();
    }

    public static List<Element> children(Element element)
    {
        List<Element> children = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.add(child);
            }
        }
        return children;
    }
}
