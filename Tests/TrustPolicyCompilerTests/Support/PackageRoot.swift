import Foundation

/// The package's root directory (where Package.swift is), found from this file's path.
enum PackageRoot {
    static let url: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/TrustPolicyCompilerTests/Support/PackageRoot.swift
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    static var path: String { url.path }
}
