import Foundation
import Testing
@testable import TrustPolicyCompiler

/// Properties of `drift` over every cluster of the sample and of the fabrikam example (inline
/// and Key Vault trust stores, namespaced verifiers, both stages): an export of exactly the
/// rendered bundle, however it is printed, shows no drift; drift planted at random is reported
/// once per object, with the path that was changed.
@Suite struct DriftPropertyTests {
    struct Target: Sendable, CustomStringConvertible {
        var cluster: ResolvedCluster
        var model: ResolvedPolicy
        var description: String { cluster.name }
    }

    static let targets: [Target] = {
        let directories = [Sample.directory, Golden.packageRoot.appendingPathComponent("examples/fabrikam/policies").path]
        return directories.flatMap { directory -> [Target] in
            guard let compilation = try? CompilerDriver.compile(directory: directory, options: .init(today: PolicyFixture.today)),
                  !compilation.hasErrors else { return [] }
            return compilation.model.clusters.map { Target(cluster: $0, model: compilation.model) }
        }
    }()

    static func report(_ target: Target, kubectl: [UInt8], az: [UInt8]) -> DriftReport {
        var live = LiveExport.read(kubectl, file: "kubectl")
        live.merge(LiveExport.read(az, file: "az"))
        let rendered = BundleRenderer().objects(of: target.cluster, model: target.model)
        return DriftDetector().report(rendered: rendered, live: live, cluster: target.cluster, model: target.model)
    }

    @Test func everyClusterIsCovered() {
        #expect(Self.targets.count >= 8, "\(Self.targets)")
        #expect(Self.targets.contains { $0.cluster.enforcement.hasNamespacedVerifiers })
        #expect(Self.targets.contains { $0.model.organization.trustStoreSource.value == .keyvault })
    }

    @Test(arguments: targets)
    func exportOfTheRenderedBundleShowsNoDrift(target: Target) {
        let rendered = BundleRenderer().objects(of: target.cluster, model: target.model)
        var maker = LiveExportMaker(seed: UInt64(target.cluster.name.utf8.count))
        for kubectlFormat in LiveExportMaker.Format.allCases {
            for azFormat in LiveExportMaker.Format.allCases {
                for policyAsString in [false, true] {
                    let report = Self.report(target, kubectl: maker.kubectl(rendered.kubernetes, format: kubectlFormat, policyAsString: policyAsString),
                                             az: maker.az(rendered.assignments, format: azFormat))
                    #expect(report.drift.isEmpty, "\(kubectlFormat)/\(azFormat)/\(policyAsString): \(report.drift)")
                    #expect(report.problems.isEmpty, "\(report.problems)")
                    #expect(report.comparedKubernetes && report.comparedAssignments)
                    #expect(report.renderedObjects == rendered.kubernetes.count && report.renderedAssignments == rendered.assignments.count)
                }
            }
        }
    }

    /// What a planted drift must be reported as.
    struct Planted: Hashable, CustomStringConvertible {
        var kind: String
        var namespace: String?
        var name: String
        var change: DriftEntry.Change
        var description: String { "\(change) \(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }
    }

    @Test(arguments: 1...40)
    func plantedDriftIsReportedExactlyOnce(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let target = Self.targets[Int(seed) % Self.targets.count]
        let rendered = BundleRenderer().objects(of: target.cluster, model: target.model)
        var objects = rendered.kubernetes, assignments = rendered.assignments
        var planted: [Planted] = []
        var leafPaths: [Planted: String] = [:]

        // At most one drift per rendered object, on up to four objects of each part.
        for (part, count) in [(0, objects.count), (1, assignments.count)] {
            let chosen = (0..<count).shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator))
            var removed: [Int] = []
            for index in chosen {
                var value = part == 0 ? objects[index] : assignments[index]
                let identity = Self.identity(value, part: part)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0:
                    removed.append(index)
                    planted.append(Planted(kind: identity.kind, namespace: identity.namespace, name: identity.name, change: .missing))
                case 1:
                    let name = identity.name + "-stale"
                    value = part == 0
                        ? value.updating("metadata") { $0.updating("name") { _ in .string(name) } }
                        : value.updating("name") { _ in .string(name) }
                    if part == 0 { objects.append(value) } else { assignments.append(value) }
                    planted.append(Planted(kind: identity.kind, namespace: identity.namespace, name: name, change: .extra))
                default:
                    let leaves = Self.leaves(of: value, under: part == 0 ? ["spec", "metadata"] : ["properties"])
                    guard let leaf = leaves.randomElement(using: &generator) else { continue }
                    value = Self.mutating(value, at: leaf)
                    if part == 0 { objects[index] = value } else { assignments[index] = value }
                    let drift = Planted(kind: identity.kind, namespace: identity.namespace, name: identity.name, change: .changed)
                    planted.append(drift)
                    leafPaths[drift] = Self.path(leaf)
                }
            }
            for index in removed.sorted(by: >) {
                if part == 0 { objects.remove(at: index) } else { assignments.remove(at: index) }
            }
        }
        // Not Ratify's: ignored and counted, never drift.
        objects.append(.object(["apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                                "metadata": .object(["name": .string("ratify-configuration"), "namespace": .string("gatekeeper-system")])]))

        var maker = LiveExportMaker(seed: seed)
        let report = Self.report(target, kubectl: maker.kubectl(objects, format: seed % 2 == 0 ? .json : .yaml, policyAsString: seed % 3 == 0),
                                 az: maker.az(assignments, format: seed % 5 == 0 ? .yaml : .json))
        let reported = report.drift.map { Planted(kind: $0.kind, namespace: $0.namespace, name: $0.name, change: $0.change) }
        #expect(reported.count == planted.count, "planted \(planted), reported \(reported)")
        #expect(Set(reported) == Set(planted), "planted \(planted), reported \(reported)")
        #expect(report.unknownKinds == ["ConfigMap": 1])
        #expect(report.problems.isEmpty, "\(report.problems)")
        for entry in report.drift where entry.change == .changed {
            let key = Planted(kind: entry.kind, namespace: entry.namespace, name: entry.name, change: .changed)
            let leaf = try #require(leafPaths[key])
            #expect(entry.paths.count == 1 && leaf.hasPrefix(entry.paths[0]), "changed \(leaf), reported \(entry.paths)")
        }
    }

    static func identity(_ value: JSONValue, part: Int) -> (kind: String, namespace: String?, name: String) {
        part == 0
            ? (value["kind"]!.stringValue!, value["metadata"]?["namespace"]?.stringValue, value["metadata"]!["name"]!.stringValue!)
            : (DriftEntry.policyAssignmentKind, nil, value["name"]!.stringValue!)
    }

    /// A step into a JSON value: a member or an element.
    enum Step: Hashable {
        case member(String)
        case element(Int)
    }

    /// Every scalar under the members `roots`, except names (changing a name makes another object
    /// or another statement, not a change).
    static func leaves(of value: JSONValue, under roots: [String]) -> [[Step]] {
        func walk(_ value: JSONValue, _ path: [Step]) -> [[Step]] {
            switch value {
            case .object(let members):
                members.filter { $0.key != "name" && $0.key != "namespace" }.flatMap { walk($0.value, path + [.member($0.key)]) }
            case .array(let items):
                items.enumerated().flatMap { walk($1, path + [.element($0)]) }
            default:
                [path]
            }
        }
        return roots.flatMap { root in value[root].map { walk($0, [.member(root)]) } ?? [] }
    }

    /// The value with the scalar at `path` changed: text appended, a number incremented, a
    /// boolean flipped.
    static func mutating(_ value: JSONValue, at path: [Step]) -> JSONValue {
        guard let step = path.first else {
            switch value {
            case .string(let text): return .string(text + "-drift")
            case .integer(let number): return .integer(number + 1)
            case .bool(let flag): return .bool(!flag)
            default: return .string("drift")
            }
        }
        switch (step, value) {
        case (.member(let key), .object):
            return value.updating(key) { mutating($0, at: Array(path.dropFirst())) }
        case (.element(let index), .array(var items)):
            items[index] = mutating(items[index], at: Array(path.dropFirst()))
            return .array(items)
        default:
            return value
        }
    }

    static func path(_ steps: [Step]) -> String {
        steps.reduce("") { path, step in
            switch step {
            case .member(let key): JSONPath.member(key, of: path)
            case .element(let index): JSONPath.element(index, of: path)
            }
        }
    }
}
