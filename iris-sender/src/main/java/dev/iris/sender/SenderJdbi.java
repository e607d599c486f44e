package dev.iris.sender;

import dev.iris.db.TransactionRetry;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import javax.sql.DataSource;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The sender's {@link Jdbi}. It binds {@link Instant}s as {@code 'yyyy-MM-dd HH:mm:ss.SSS'} UTC
 * text: MySQL Connector/J drops the fractional seconds of a bound timestamp when the server
 * reports an old version number (MariaDB announces itself as 5.5.5-10.x), and due times must keep
 * their milliseconds. Connections run in UTC, so the text means the same instant. Transactions
 * retry as on every Iris Jdbi ({@link TransactionRetry}), and open with {@code START TRANSACTION}
 * on connections left in autocommit: the sender runs a transaction per pass, many a second when
 * its passes are small, and Jdbi's own transactions switch autocommit off and on around each.
 */
public final class SenderJdbi
{
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SenderJdbi() {}

    public static Jdbi create(DataSource dataSource)
    {
        return TransactionRetry.installExplicit(Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .registerArgument(new InstantAsText()));
    }

    private static final class InstantAsText
            extends AbstractArgumentFactory<Instant>
    {
        InstantAsText()
        {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config)
        {
            String text = DATETIME_3.format(value);
            return (position, statement, context) -> statement.setString(position, text);
        }
    }
}
