public enum TrustcVersion { public static let current = "0.1.0" }
