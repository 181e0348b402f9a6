package com.example.storefront;

/** What the inventory service answers, as JSON: {"id": "42", "name": "…"}. */
record Item(String id, String name) {
}
