package dev.iris.plugin.twilio;

import dev.iris.spi.vendor.VendorException.Category;

import java.util.Set;

/**
 * Which Twilio failures are worth retrying. Twilio's error codes (https://www.twilio.com/docs/api/errors)
 * decide first, the HTTP status second.
 */
final class TwilioErrors
{
    // The account or the From number is wrong: no message will go through this instance.
    private static final Set<Integer> CONFIGURATION_CODES = Set.of(
            20003, // authentication failed
            20005, // account not active
            20404, // resource (account) not found
            21212, // invalid From number
            21606, // From number is not SMS-capable or not owned by the account
            21659, // From number is not a Twilio number
            21210, // From number is not verified (trial account)
            21608); // trial account can only send to verified numbers

    // Twilio or the carrier is busy; later or another instance may work.
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            20429, // too many requests
            21611, // too many messages queued on the From number
            30001, // queue overflow
            30008, // unknown carrier error
            20500, // internal server error
            20503); // service unavailable

    private TwilioErrors() {}

    static Category category(int httpStatus, int code)
    {
        if (CONFIGURATION_CODES.contains(code)) {
            return Category.CONFIGURATION;
        }
        if (TRANSIENT_CODES.contains(code)) {
            return Category.TRANSIENT;
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return Category.CONFIGURATION;
        }
        if (httpStatus == 429 || httpStatus >= 500 || httpStatus == 0) {
            return Category.TRANSIENT;
        }
        // 21211 invalid To, 21610 unsubscribed (STOP), 21614 not a mobile number, 21617 too long,
        // 30003 unreachable handset, 30005 unknown handset, 30006 landline...: this destination
        // will not work, another mode might.
        return Category.PERMANENT;
    }
}
