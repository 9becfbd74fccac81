using System;
using RecurrentParams;
using RecurrentParams.Formulas;
using RecurrentParams.Keras;

// RecurrentParams quickstart: the reference post's two layers, their Keras summaries, and a few PyTorch modules.
Console.OutputEncoding = System.Text.Encoding.UTF8;

Section("How many parameters? (Keras convention: units, inputSize)");
Console.WriteLine($"Params.SimpleRnn(4, 5) = {Params.SimpleRnn(4, 5)}");
Console.WriteLine($"Params.Lstm(4, 5)      = {Params.Lstm(4, 5)}");
Console.WriteLine($"Params.Gru(4, 5)       = {Params.Gru(4, 5)}   (reset_after=True, Keras 3 / TF2)");
Console.WriteLine($"Params.Gru(4, 5, resetAfter: false) = {Params.Gru(4, 5, resetAfter: false)}   (Keras 2.3, TF1, TensorFlow.js)");
Console.WriteLine($"Params.Keras.Lstm(4, 5, bidirectional: true) = {Params.Keras.Lstm(4, 5, bidirectional: true)}");

Section("Why?");
Console.WriteLine(Params.Explain(LayerSpec.Keras.SimpleRnn(units: 4, inputSize: 5)));
Console.WriteLine(Params.Explain(LayerSpec.Keras.Lstm(units: 4, inputSize: 5)));
Console.WriteLine(Params.Explain(LayerSpec.Keras.Gru(units: 4, inputSize: 5)));
Console.WriteLine();
Console.WriteLine("Weight tensors of LSTM(4) on 5 features:");
foreach (WeightTensor weight in Params.Weights(LayerSpec.Keras.Lstm(4, 5)))
{
    Console.WriteLine($"  {weight.Path,-28} {weight.Shape,-10} {weight.Count,5}");
}

Section("The reference post's models, as Keras 2 printed them");
ModelSummary simpleRnn = new KerasModelBuilder("model")
    .InputLayer(timeSteps: null, features: 5, name: "input_4")
    .SimpleRnn(4, name: "simple_rnn_1")
    .Build();
Console.WriteLine(simpleRnn.Render(SummaryFormat.Keras2));
ModelSummary lstm = new KerasModelBuilder("model")
    .InputLayer(timeSteps: null, features: 5, name: "input_1")
    .Lstm(4, returnSequences: true, name: "lstm_1")
    .Build();
Console.WriteLine(lstm.Render(SummaryFormat.Keras2));

Section("A Keras 3 model: sizes flow from layer to layer");
ModelSummary classifier = new KerasModelBuilder("sentiment")
    .TokenInput(timeSteps: null)
    .Embedding(inputDim: 10_000, outputDim: 64)
    .Bidirectional(new Recurrent(CellType.Lstm, units: 32, returnSequences: true))
    .Gru(16)
    .BatchNormalization()
    .Dense(3)
    .Build();
Console.Write(classifier.Render(SummaryFormat.Keras3));
Console.WriteLine($"Multiply-accumulates per sample and time step: {classifier.MacsPerStep:N0}");
Console.WriteLine($"Parameters in float16: {classifier.ParameterBytes(ElementType.Float16):N0} bytes");

Section("PyTorch convention: inputSize, hiddenSize, two bias vectors per gate");
Console.WriteLine($"Params.Torch.Rnn(5, 4)  = {Params.Torch.Rnn(5, 4)}");
Console.WriteLine($"Params.Torch.Lstm(5, 4) = {Params.Torch.Lstm(5, 4)}");
Console.WriteLine($"Params.Torch.Gru(5, 4)  = {Params.Torch.Gru(5, 4)}");
Console.WriteLine($"Params.Torch.Lstm(5, 4, numLayers: 2, bidirectional: true) = {Params.Torch.Lstm(5, 4, numLayers: 2, bidirectional: true)}");
Console.WriteLine();
Console.WriteLine(Params.Explain(LayerSpec.Torch.Lstm(inputSize: 5, hiddenSize: 4, numLayers: 2, bidirectional: true, projSize: 2)));

Section("A PyTorch model, as torchinfo prints it");
ModelSummary lstmNet = new TorchModelBuilder("LSTMNet")
    .Input(ElementType.Int64, 1, 100)
    .Embedding(numEmbeddings: 20, embeddingDim: 300)
    .Lstm(hiddenSize: 512, numLayers: 2, batchFirst: true)
    .Linear(outFeatures: 20)
    .Build();
Console.WriteLine(lstmNet.Render(SummaryFormat.Torchinfo));

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine("## " + title);
    Console.WriteLine();
}
