package io.datapunk.mesh.sample.inventory;

/**
 * An item as this replica reports it.
 *
 * @param id the item id
 * @param name the item name
 * @param stock how many are in stock
 * @param servedBy the replica that answered
 * @author datapunk mesh team
 */
record Item(String id, String name, int stock, String servedBy) {

}
