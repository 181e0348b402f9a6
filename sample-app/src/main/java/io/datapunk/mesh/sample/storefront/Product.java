package io.datapunk.mesh.sample.storefront;

import java.math.BigDecimal;

/**
 * A product as the storefront shows it.
 *
 * @param id the product id, the inventory item id
 * @param name the product name
 * @param inStock whether at least one is in stock
 * @param stock how many are in stock
 * @param price the price, derived from the id
 * @param servedBy the inventory replica that answered, to watch the load balancer at work
 * @author datapunk mesh team
 */
public record Product(String id, String name, boolean inStock, int stock, BigDecimal price, String servedBy) {

	/**
	 * Return the product of an inventory item.
	 * @param item the item
	 * @return its product
	 */
	public static Product of(InventoryItem item) {
		// String.hashCode is specified, so every run prices an id the same.
		BigDecimal price = BigDecimal.valueOf(499 + Math.floorMod(item.id().hashCode(), 50) * 100L, 2);
		return new Product(item.id(), item.name(), item.stock() > 0, item.stock(), price, item.servedBy());
	}

}
