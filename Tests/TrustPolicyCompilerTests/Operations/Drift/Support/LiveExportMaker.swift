@testable import TrustPolicyCompiler

/// Live exports made from the objects trustc renders, the way `kubectl get -A -o yaml|json`
/// and `az policy assignment list -o json` print them: kubectl's List, the fields the API server
/// and Azure set, az's flattening, nulls, ids in another case, and every object's keys shuffled.
/// An export of exactly the rendered objects must show no drift.
struct LiveExportMaker {
    enum Format: CaseIterable {
        case json, yaml
    }

    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// `kubectl get` of `objects`; with `policyAsString` a verifier's trust policy is the JSON
    /// string older Ratify charts store.
    mutating func kubectl(_ objects: [JSONValue], format: Format, policyAsString: Bool) -> [UInt8] {
        let list = JSONValue.object([
            "apiVersion": .string("v1"),
            "kind": .string("List"),
            "metadata": .object(["resourceVersion": .string("")]),
            "items": .array(objects.map { served($0, policyAsString: policyAsString) }),
        ])
        return serialized(shuffled(list), format: format)
    }

    /// `az policy assignment list` of the REST resources trustc renders.
    mutating func az(_ assignments: [JSONValue], format: Format) -> [UInt8] {
        var flat: [JSONValue] = []
        for assignment in assignments { flat.append(flattened(assignment)) }
        return serialized(shuffled(.array(flat)), format: format)
    }

    /// The same value with the members of every object in a random order.
    mutating func shuffled(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [JSONValue.Member] = []
            for member in members { result.append(.init(member.key, shuffled(member.value))) }
            return .object(result.shuffled(using: &generator))
        case .array(let items):
            var result: [JSONValue] = []
            for item in items { result.append(shuffled(item)) }
            return .array(result)
        default:
            return value
        }
    }

    mutating func serialized(_ value: JSONValue, format: Format) -> [UInt8] {
        switch format {
        case .yaml: YAMLWriter.bytes([value])
        case .json: Array((Bool.random(using: &generator) ? value.serialized() : value.compact()).utf8)
        }
    }

    /// The object as the API server returns it after `kubectl apply`, with Flux's labels and
    /// Argo CD's annotation, and Ratify's status.
    private func served(_ object: JSONValue, policyAsString: Bool) -> JSONValue {
        let name = object["metadata"]?["name"]?.stringValue ?? "?"
        var served = object.updating("metadata") { metadata in
            var members = metadata.members
            members += [
                .init("uid", .string("0b6f3a9e-5a1e-4c1f-9d0f-\(name.utf8.count)")),
                .init("resourceVersion", .string("123456")),
                .init("generation", .integer(3)),
                .init("creationTimestamp", .string("2026-11-20T09:00:00Z")),
                .init("selfLink", .string("/apis/config.ratify.deislabs.io/v1beta1/\(name)")),
                .init("managedFields", .array([.object(["manager": .string("kubectl-client-side-apply"), "operation": .string("Update")])])),
                .init("annotations", .object([
                    "kubectl.kubernetes.io/last-applied-configuration": .string(object.compact() + "\n"),
                    "argocd.argoproj.io/tracking-id": .string("trust:config.ratify.deislabs.io/Verifier:/\(name)"),
                ])),
            ]
            return JSONValue.object(members).updating("labels") { labels in
                JSONValue.object(labels.members + [.init("kustomize.toolkit.fluxcd.io/name", .string("trust")),
                                                   .init("kustomize.toolkit.fluxcd.io/namespace", .string("flux-system"))])
            }
        }
        served = JSONValue.object(served.members + [.init("status", .object([
            "issuccess": .bool(true), "lastfetchedtime": .string("2026-11-20T09:05:00Z"), "brieferror": .null,
        ]))])
        guard policyAsString else { return served }
        return served.updating("spec") { spec in
            spec.updating("parameters") { parameters in
                parameters.updating("trustPolicyDoc") { .string($0.compact()) }
            }
        }
    }

    /// az's flattening of a REST resource, with what Azure and az add; ids in lower case.
    private mutating func flattened(_ resource: JSONValue) -> JSONValue {
        let scope = resource["scope"]?.stringValue ?? ""
        let name = resource["name"]?.stringValue ?? ""
        var members: [JSONValue.Member] = [
            .init("id", .string("\(scope)/providers/Microsoft.Authorization/policyAssignments/\(name)")),
            .init("name", .string(name)),
            .init("type", .string("Microsoft.Authorization/policyAssignments")),
            .init("scope", .string(Bool.random(using: &generator) ? scope.lowercased() : scope)),
            .init("location", .string("westeurope")),
            .init("identity", .object(["type": .string("SystemAssigned"), "principalId": .string("p"), "tenantId": .string("t")])),
            .init("resourceGroup", .string("rg")),
            .init("systemData", .object(["createdBy": .string("someone@contoso.com"), "createdAt": .string("2026-11-20T09:00:00+00:00")])),
            .init("definitionVersion", .string("1.*.*")),
            .init("effectiveDefinitionVersion", .string("1.0.0")),
            .init("notScopes", .null),
        ]
        for member in resource["properties"]?.members ?? [] {
            switch member.key {
            case "metadata":
                members.append(.init("metadata", .object(member.value.members + [
                    .init("createdBy", .string("5f2a1c3e")), .init("createdOn", .string("2026-11-20T09:00:00.1234567Z")),
                    .init("updatedBy", .null), .init("updatedOn", .null),
                ])))
            case "policyDefinitionId":
                members.append(.init(member.key, .string(member.value.stringValue!.lowercased())))
            default:
                members.append(member)
            }
        }
        return .object(members)
    }
}

extension JSONValue {
    /// An object's members; none for other values.
    var members: [JSONValue.Member] {
        if case .object(let members) = self { members } else { [] }
    }
}
