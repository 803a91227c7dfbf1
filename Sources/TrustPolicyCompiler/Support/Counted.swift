/// "1 certificate", "3 certificates": a count with its noun, for nouns whose plural adds `s`.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
