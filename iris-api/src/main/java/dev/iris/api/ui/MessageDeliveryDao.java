package dev.iris.api.ui;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.Optional;

/**
 * A message's dispatch state beyond what Iris's API shows: where the sender is with it and what
 * the vendor last said.
 */
public interface MessageDeliveryDao
{
    record Delivery(String status, String deliveryStatus, String vendor, int attempts, String lastError) {}

    @SqlQuery("""
            SELECT `status` AS status, delivery_status AS deliveryStatus, vendor, attempts, last_error AS lastError
            FROM message WHERE id = :id""")
    @RegisterConstructorMapper(Delivery.class)
    Optional<Delivery> delivery(@Bind("id") long messageId);
}
