/// `kustomization.yaml` files, so Flux or Argo CD apply a bundle as one unit.
enum Kustomization {
    static func file(at directory: String, resources: [String]) -> RenderedFile {
        RenderedFile(path: "kustomization.yaml", yaml: [.object([
            "apiVersion": .string("kustomize.config.k8s.io/v1beta1"),
            "kind": .string("Kustomization"),
            "resources": .strings(resources),
        ])]).moved(under: directory)
    }
}
