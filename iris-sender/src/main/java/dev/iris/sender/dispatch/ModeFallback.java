package dev.iris.sender.dispatch;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The person's next mode for a page that is failing in its current one: the first mode of the
 * configured fallback order that the page has not tried yet, that a vendor of this sender serves
 * (falling back to a mode nobody can send would only delay the report that the page is lost),
 * and that the person has a contact for.
 * Pages to literal destinations (tracking) and multi-recipient emails have no person and so no
 * fallback.
 */
final class ModeFallback
{
    private final ModeCatalog modes;
    private final VendorPool vendors;
    private final List<String> order;

    ModeFallback(ModeCatalog modes, VendorPool vendors, List<String> order)
    {
        this.modes = requireNonNull(modes, "modes is null");
        this.vendors = requireNonNull(vendors, "vendors is null");
        this.order = List.copyOf(requireNonNull(order, "order is null"));
    }

    /**
     * @param tried the modes the page failed in so far, its current one included
     */
    Optional<ContactResolver.Contact> next(Handle handle, MessageRow row, Set<String> tried)
    {
        if (row.targetId() == null || row.recipients() != null || !"user".equals(row.targetType())) {
            return Optional.empty();
        }
        ContactDao contacts = handle.attach(ContactDao.class);
        for (String mode : order) {
            if (tried.contains(mode) || !vendors.serves(mode)) {
                continue;
            }
            Optional<Integer> modeId = modes.id(mode);
            if (modeId.isEmpty()) {
                continue;
            }
            Optional<String> destination = contacts.contact(row.targetId(), modeId.get());
            if (destination.isPresent()) {
                return Optional.of(new ContactResolver.Contact(modeId.get(), mode, destination.get()));
            }
        }
        return Optional.empty();
    }
}
