package io.datapunk.mesh.sample.inventory;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * A made-up catalog: every id of digits names an item whose name and stock follow from
 * the id, so that all replicas agree without sharing any state.
 *
 * @author datapunk mesh team
 */
@Component
class ItemCatalog {

	// At most 18 digits: the id then fits a long.
	private static final Pattern ID = Pattern.compile("\\d{1,18}");

	private static final String[] MATERIALS = { "Brass", "Copper", "Iron", "Oak", "Steel", "Walnut", "Granite" };

	private static final String[] THINGS = { "Lantern", "Kettle", "Compass", "Hammer", "Teapot", "Clock", "Ladle",
			"Anvil", "Bell", "Spoon", "Lamp" };

	private final ReplicaIdentity replica;

	ItemCatalog(ReplicaIdentity replica) {
		this.replica = replica;
	}

	Optional<Item> find(String id) {
		if (!ID.matcher(id).matches()) {
			return Optional.empty();
		}
		long number = Long.parseLong(id);
		String name = MATERIALS[(int) (number % MATERIALS.length)] + " "
				+ THINGS[(int) ((number / MATERIALS.length) % THINGS.length)];
		int stock = (int) (number % 13);
		return Optional.of(new Item(id, name, stock, this.replica.name()));
	}

}
