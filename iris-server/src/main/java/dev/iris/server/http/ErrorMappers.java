package dev.iris.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.iris.common.http.ErrorBody;
import dev.iris.common.http.IrisException;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Turns every failure into Iris's {@code {title, description}} JSON. Client mistakes get a 4xx that
 * says what is wrong; a {@link TransientFailures transient failure} (a database that cannot be
 * reached, or keeps rolling a transaction back) gets 503 with {@code Retry-After}, so monitoring
 * systems send again; anything else unexpected
 * gets a 500 whose body carries only an id that also appears in the log, never a stack trace.
 */
public final class ErrorMappers
{
    private static final Logger log = LoggerFactory.getLogger(ErrorMappers.class);
    /** Seconds a client is asked to wait before sending again while the database is away. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private ErrorMappers() {}

    /**
     * Replaces Dropwizard's default mappers with Iris's; {@code transientFailures} says which
     * failures are answered with 503.
     */
    public static void register(io.dropwizard.core.Configuration configuration, Environment environment, TransientFailures transientFailures)
    {
        if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
            serverFactory.setRegisterDefaultExceptionMappers(false);
        }
        environment.jersey().register(new IrisExceptionMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonExceptionMapper());
        environment.jersey().register(new ConstraintViolationMapper());
        environment.jersey().register(new UnexpectedExceptionMapper(transientFailures));
    }

    static Response json(int status, String title, String description)
    {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(title, description))
                .build();
    }

    private static Response unavailable(String description)
    {
        return Response.status(503)
                .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("Service Unavailable", description))
                .build();
    }

    public static final class IrisExceptionMapper
            implements ExceptionMapper<IrisException>
    {
        @Override
        public Response toResponse(IrisException exception)
        {
            return json(exception.status(), exception.title(), exception.description());
        }
    }

    public static final class WebApplicationExceptionMapper
            implements ExceptionMapper<WebApplicationException>
    {
        @Override
        public Response toResponse(WebApplicationException exception)
        {
            Response original = exception.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                log.error("Request failed with status {}", status, exception);
            }
            Response.ResponseBuilder builder = Response.fromResponse(original)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(original.getStatusInfo().getReasonPhrase(), clientMessage(exception, status)));
            return builder.build();
        }

        private static String clientMessage(WebApplicationException exception, int status)
        {
            if (status >= 500 || exception.getMessage() == null) {
                return null;
            }
            // Jersey's own messages ("HTTP 404 Not Found") only repeat the title.
            return exception.getMessage().startsWith("HTTP ") ? null : exception.getMessage();
        }
    }

    public static final class JsonExceptionMapper
            implements ExceptionMapper<JsonProcessingException>
    {
        @Override
        public Response toResponse(JsonProcessingException exception)
        {
            if (exception instanceof UnrecognizedPropertyException unrecognized) {
                return json(400, "Invalid request body", "unknown field '" + unrecognized.getPropertyName() + "'");
            }
            if (exception instanceof InvalidFormatException || exception instanceof MismatchedInputException) {
                MismatchedInputException mismatch = (MismatchedInputException) exception;
                String field = mismatch.getPath().stream()
                        .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining("."));
                String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
                return json(400, "Invalid request body", field.isEmpty()
                        ? "expected " + expected
                        : "field '" + field + "' must be " + expected);
            }
            return json(400, "Invalid JSON", exception.getOriginalMessage());
        }

        private static String describe(Class<?> type)
        {
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
                return "an integer";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "a boolean";
            }
            if (type == String.class) {
                return "a string";
            }
            if (java.util.Collection.class.isAssignableFrom(type)) {
                return "a list";
            }
            if (java.util.Map.class.isAssignableFrom(type)) {
                return "an object";
            }
            return "an object";
        }
    }

    public static final class ConstraintViolationMapper
            implements ExceptionMapper<ConstraintViolationException>
    {
        @Override
        public Response toResponse(ConstraintViolationException exception)
        {
            String description = exception.getConstraintViolations().stream()
                    .map(ConstraintViolation::getMessage)
                    .sorted()
                    .collect(Collectors.joining("; "));
            return json(400, "Invalid request", description);
        }
    }

    public static final class UnexpectedExceptionMapper
            implements ExceptionMapper<Throwable>
    {
        private final TransientFailures transientFailures;

        public UnexpectedExceptionMapper(TransientFailures transientFailures)
        {
            this.transientFailures = java.util.Objects.requireNonNull(transientFailures, "transientFailures is null");
        }

        @Override
        public Response toResponse(Throwable exception)
        {
            if (exception instanceof WebApplicationException webApplicationException) {
                return new WebApplicationExceptionMapper().toResponse(webApplicationException);
            }
            // Wherever it happened, the authentication filter included: never a 401 or a 500,
            // which clients treat as final.
            Optional<TransientFailures.Transient> transientFailure = transientFailures.classify(exception);
            if (transientFailure.isPresent()) {
                log.warn("{}, answered 503: {}", transientFailure.get().reason(), transientFailure.get().detail());
                return unavailable(transientFailure.get().description());
            }
            long id = ThreadLocalRandom.current().nextLong();
            log.error("Unexpected error {}", String.format("%016x", id), exception);
            return json(500, "Internal Server Error", String.format("The error has been logged with id %016x", id));
        }
    }
}
