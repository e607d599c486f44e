package dev.iris.api.ui;

import java.util.List;
import java.util.Map;

/**
 * {@code /messages/{id}}: the message as {@code GET /v0/messages/{id}} shows it, the sender's
 * delivery state, and the audit log (newest first).
 */
public final class MessageView
        extends PageView
{
    private final Map<String, Object> message;
    private final MessageDeliveryDao.Delivery delivery;
    private final List<Map<String, Object>> auditLog;

    public MessageView(PageContext context, Map<String, Object> message, MessageDeliveryDao.Delivery delivery, List<Map<String, Object>> auditLog)
    {
        super("message.ftlh", context, "Message " + message.get("id"));
        this.message = message;
        this.delivery = delivery;
        this.auditLog = List.copyOf(auditLog);
    }

    public Map<String, Object> getMessage()
    {
        return message;
    }

    public MessageDeliveryDao.Delivery getDelivery()
    {
        return delivery;
    }

    public List<Map<String, Object>> getAuditLog()
    {
        return auditLog;
    }
}
