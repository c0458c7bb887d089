namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>Workload manifests for the controller tests (what a user would kubectl apply).</summary>
public static class Manifests
{
    public static string Deployment(string name, string image, int replicas = 3, int progressDeadlineSeconds = 600,
        string extraPodAnnotations = "", string strategy = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          labels: {app: {{name}}}
        spec:
          replicas: {{replicas}}
          progressDeadlineSeconds: {{progressDeadlineSeconds}}
          selector:
            matchLabels: {app: {{name}}}
          {{strategy}}
          template:
            metadata:
              labels: {app: {{name}}}
              annotations: {note: test{{extraPodAnnotations}}}
            spec:
              containers:
              - name: web
                image: {{image}}
                ports: [{containerPort: 8080}]
        """;

    public static string StatefulSet(string name, string image, int replicas, int partition, string podManagementPolicy = "OrderedReady") => $$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          podManagementPolicy: {{podManagementPolicy}}
          serviceName: {{name}}
          selector:
            matchLabels: {app: {{name}}}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {partition: {{partition}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: web
                image: {{image}}
        """;

    public static string DaemonSet(string name, string image) => $$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {{name}}
        spec:
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: web
                image: {{image}}
        """;

    public static string DeploymentConfig(string name, string image, int replicas, int timeoutSeconds = 600) => $$"""
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          selector: {app: {{name}}}
          strategy:
            type: Rolling
            rollingParams: {timeoutSeconds: {{timeoutSeconds}}}
          triggers: []
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: web
                image: {{image}}
        """;
}
