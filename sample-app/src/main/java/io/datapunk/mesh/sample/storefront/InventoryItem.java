package io.datapunk.mesh.sample.storefront;

/**
 * An item as the inventory service answers it.
 *
 * @param id the item id
 * @param name the item name
 * @param stock how many are in stock
 * @param servedBy the inventory replica that answered
 * @author datapunk mesh team
 */
public record InventoryItem(String id, String name, int stock, String servedBy) {

}
