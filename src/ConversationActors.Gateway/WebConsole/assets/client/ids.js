/**
 * Flutter-style IDs (`c2c_bob`, `group_@TGS#2A`) in the canonical form (`C2Cbob`, `GROUP@TGS#2A`). The server
 * accepts both; normalising here keeps the listener's IDs and the caller's IDs comparable.
 */
export function canonicalConversationID(id) {
    if (id.startsWith("c2c_"))
        return "C2C" + id.slice(4);
    if (id.startsWith("group_"))
        return "GROUP" + id.slice(6);
    return id;
}
