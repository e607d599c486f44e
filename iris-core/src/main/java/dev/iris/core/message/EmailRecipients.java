package dev.iris.core.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The addresses of a multi-recipient email (a {@code target_list} notification), as stored in
 * {@code message.recipients}: the API writes them, the sender hands them to the email vendor.
 *
 * @param to the To addresses
 * @param bcc the Bcc addresses; an address also in To is only in To
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmailRecipients(@JsonProperty("to") List<String> to, @JsonProperty("bcc") List<String> bcc)
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public EmailRecipients
    {
        to = to == null ? List.of() : List.copyOf(to);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
    }

    /**
     * Without duplicates, in the order given.
     */
    public static EmailRecipients of(List<String> to, List<String> bcc)
    {
        Set<String> uniqueTo = new LinkedHashSet<>(to);
        Set<String> uniqueBcc = new LinkedHashSet<>(bcc);
        uniqueBcc.removeAll(uniqueTo);
        return new EmailRecipients(new ArrayList<>(uniqueTo), new ArrayList<>(uniqueBcc));
    }

    public boolean isEmpty()
    {
        return to.isEmpty() && bcc.isEmpty();
    }

    /**
     * The address the message row shows: the first To address, else the first Bcc address.
     */
    public String destination()
    {
        return to.isEmpty() ? bcc.get(0) : to.get(0);
    }

    public String toJson()
    {
        try {
            // Only the two lists: the JSON is what the sender reads back.
            Map<String, List<String>> json = new LinkedHashMap<>();
            json.put("to", to);
            json.put("bcc", bcc);
            return MAPPER.writeValueAsString(json);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EmailRecipients parse(String json)
    {
        try {
            return MAPPER.readValue(json, EmailRecipients.class);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("Malformed message recipients: " + e.getOriginalMessage(), e);
        }
    }
}
