package dev.iris.relay.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static java.util.Objects.requireNonNull;

/**
 * A relay in front of a fake Iris API for the tests of one callback endpoint: started once per
 * test class, the API's answer to the endpoint's forward set before each test, and the number of
 * requests forwarded so far remembered, so a test looks only at what it caused.
 */
public final class RelayWithFakeApi
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback
{
    private final String responsePath;
    private final String answer;
    private FakeIrisApi api;
    private TestingRelay relay;
    private int before;

    /**
     * @param responsePath the API path the relay forwards to, e.g. {@code /v0/response/ntfy}
     * @param answer what the fake API answers there (Iris's reply text)
     */
    public RelayWithFakeApi(String responsePath, String answer)
    {
        this.responsePath = requireNonNull(responsePath, "responsePath is null");
        this.answer = requireNonNull(answer, "answer is null");
    }

    @Override
    public void beforeAll(ExtensionContext context)
            throws Exception
    {
        api = FakeIrisApi.start(TestingRelay.RELAY_KEY);
        relay = TestingRelay.builder(api.url()).start();
    }

    @Override
    public void beforeEach(ExtensionContext context)
    {
        api.respondAppResponse(responsePath, answer);
        before = api.forwarded().size();
    }

    @Override
    public void afterAll(ExtensionContext context)
    {
        relay.close();
        api.close();
    }

    public FakeIrisApi api()
    {
        return api;
    }

    public TestingRelay relay()
    {
        return relay;
    }

    /**
     * How many requests the relay had forwarded when this test began.
     */
    public int before()
    {
        return before;
    }
}
