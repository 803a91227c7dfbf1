/// `kustomization.yaml` files, so Flux or Argo CD apply a bundle as one unit.
enum Kustomization {
    static let fileName = "kustomization.yaml"

    static func file(at directory: String, resources: [String]) -> RenderedFile {
        RenderedFile(path: fileName, yaml: [.object([
            "apiVersion": .string("kustomize.config.k8s.io/v1beta1"),
            "kind": .string("Kustomization"),
            "resources": .strings(resources),
        ])]).moved(under: directory)
    }
}
