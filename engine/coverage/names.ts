// The PyTorch names learners use most, by namespace, taken from the API reference pages
// (pytorch.org/docs/stable: torch.html, tensors.html, nn.html, nn.functional.html, optim.html,
// nn.init.html, linalg.html). docs/pytorch-coverage.md is generated from this list and the engine
// (`npm run coverage`); a name here that the engine lacks raises NotImplementedError when used.
// Dotted names are looked up inside the namespace (`linalg.inv` is torch.linalg.inv).

const words = (s: string): string[] => s.trim().split(/\s+/);

export const API: Record<'torch' | 'Tensor' | 'nn' | 'F' | 'optim', string[]> = {
  torch: words(`
    tensor as_tensor from_numpy zeros zeros_like ones ones_like empty empty_like full full_like arange linspace logspace eye
    rand rand_like randn randn_like randint randint_like randperm manual_seed seed normal bernoulli multinomial poisson
    get_rng_state set_rng_state initial_seed random.fork_rng random.manual_seed Generator default_generator
    cuda.is_available cuda.device_count cuda.manual_seed cuda.manual_seed_all backends.mps.is_available backends.cudnn.is_available
    cat concat stack hstack vstack dstack split chunk tensor_split unbind reshape squeeze unsqueeze flatten unflatten
    transpose swapaxes permute movedim moveaxis narrow select index_select masked_select gather scatter scatter_add take
    take_along_dim where nonzero argwhere tile repeat_interleave flip fliplr flipud roll rot90 diff tril triu tril_indices
    triu_indices diag diagonal diag_embed trace meshgrid broadcast_to broadcast_tensors cartesian_prod combinations clone
    numel is_tensor is_floating_point
    abs neg add sub mul div true_divide floor_divide remainder fmod pow exp exp2 expm1 log log2 log10 log1p sqrt rsqrt
    square sin cos tan asin acos atan atan2 sinh cosh tanh sigmoid relu erf erfinv floor ceil round trunc frac sign clamp
    clip lerp addcmul addcdiv reciprocal maximum minimum logical_and logical_or logical_not logical_xor eq ne lt le gt ge
    isnan isinf isfinite isclose allclose equal nan_to_num
    sum mean prod max min amax amin argmax argmin std var std_mean var_mean median mode norm all any logsumexp cumsum
    cumprod cummax cummin nansum nanmean count_nonzero sort argsort topk kthvalue unique unique_consecutive bincount histc
    searchsorted bucketize isin
    matmul mm bmm mv dot outer addmm einsum cross cdist tensordot kron inverse det
    softmax log_softmax no_grad enable_grad set_grad_enabled is_grad_enabled inference_mode save load device
    set_default_dtype get_default_dtype set_printoptions result_type promote_types can_cast Size Tensor
    float32 float64 int64 int32 bool float double long int float16 half bfloat16 uint8 int8 int16 complex64
    linalg.norm linalg.vector_norm linalg.matrix_norm linalg.inv linalg.det linalg.solve linalg.eig linalg.eigh linalg.svd
    linalg.qr linalg.cholesky linalg.matrix_rank linalg.pinv linalg.lstsq
    multiply subtract divide greater less greater_equal less_equal not_equal negative positive absolute arctan2 fix
    swapdims clamp_min clamp_max asinh acosh atanh arcsinh arccosh arctanh erfc lgamma digamma xlogy logit hypot logaddexp
    logaddexp2 deg2rad rad2deg sgn signbit heaviside fmax fmin float_power copysign sinc nextafter ldexp gcd lcm
    bitwise_and bitwise_or bitwise_xor bitwise_not bitwise_left_shift bitwise_right_shift isposinf isneginf isreal
    is_nonzero is_complex is_same_size split_with_sizes hsplit vsplit dsplit ger inner vdot addmv addr baddbmm addbmm
    matrix_power matrix_exp logdet slogdet diagflat renorm quantile nanquantile nanmedian msort logcumsumexp aminmax cov
    corrcoef index_copy masked_scatter scatter_reduce put histogram svd qr cholesky pinverse angle adjoint conj
    resolve_conj resolve_neg real polygamma mvlgamma i0 narrow_copy unsafe_split unsafe_chunk index_reduce frexp
    autograd.grad autograd.backward autograd.Function autograd.functional.jacobian autograd.functional.hessian
    autograd.functional.vjp autograd.functional.jvp autograd.functional.hvp autograd.functional.vhp
  `),
  Tensor: words(`
    item tolist numpy size dim ndim shape dtype device numel element_size stride is_contiguous is_floating_point
    data data_ptr storage_offset unsqueeze_ squeeze_ t_ transpose_ is_sparse to_dense
    requires_grad requires_grad_ grad grad_fn is_leaf backward detach detach_ retain_grad register_hook output_nr
    clone contiguous view view_as reshape reshape_as expand expand_as repeat permute transpose t T mT squeeze unsqueeze
    flatten unflatten narrow select index_select masked_fill masked_fill_ masked_select gather scatter scatter_
    scatter_add_ index_add_ index_put_ index_fill_ nonzero to cpu cuda float double long int bool half type type_as
    new_tensor new_zeros new_ones new_full new_empty
    add add_ sub sub_ mul mul_ div div_ pow pow_ neg abs abs_ exp exp_ log log_ sqrt sqrt_ sin cos tanh sigmoid relu
    clamp clamp_ clip floor ceil round sign true_divide floor_divide remainder fmod reciprocal square rsqrt log1p expm1
    lerp addcmul addcdiv
    sum mean std var max min argmax argmin amax amin prod cumsum cumprod diff sort argsort topk kthvalue median mode norm
    all any unique logsumexp nansum
    eq ne lt le gt ge isnan isclose allclose equal logical_not where
    matmul mm bmm dot softmax log_softmax
    zero_ fill_ copy_ normal_ uniform_ bernoulli_ exponential_ random_
    chunk split unbind flip roll tril triu diag diagonal trace movedim broadcast_to repeat_interleave take unfold
    multiply multiply_ subtract subtract_ divide divide_ true_divide_ greater greater_ less less_ greater_equal
    greater_equal_ less_equal less_equal_ not_equal not_equal_ eq_ ne_ lt_ le_ gt_ ge_ logical_and_ logical_or_
    logical_xor_ logical_not_ negative negative_ positive absolute absolute_ arctan2 arctan2_ atan2_ fix fix_ swapdims
    swapdims_ swapaxes_ ndimension clamp_min clamp_min_ clamp_max clamp_max_ clip_ remainder_ fmod_ rsqrt_ exp2_ expm1_
    cumsum_ cumprod_ tril_ triu_ split_with_sizes hsplit vsplit dsplit ger inner vdot
    asinh asinh_ acosh acosh_ atanh atanh_ arcsinh arccosh arctanh erfc erfc_ lgamma lgamma_ digamma digamma_ xlogy
    xlogy_ logit logit_ hypot hypot_ logaddexp logaddexp2 deg2rad deg2rad_ rad2deg rad2deg_ sgn sgn_ signbit heaviside
    heaviside_ fmax fmin float_power float_power_ copysign copysign_ sinc sinc_ nextafter nextafter_ ldexp ldexp_ gcd
    gcd_ lcm lcm_ bitwise_and bitwise_and_ bitwise_or bitwise_or_ bitwise_xor bitwise_xor_ bitwise_not bitwise_not_
    bitwise_left_shift bitwise_left_shift_ bitwise_right_shift bitwise_right_shift_ isposinf isneginf isreal is_nonzero
    is_signed is_complex is_cpu get_device is_same_size
    addmm_ addmv addmv_ addr addr_ baddbmm baddbmm_ addbmm addbmm_ matrix_power matrix_exp logdet slogdet diagflat
    renorm renorm_ quantile nanquantile nanmedian msort logcumsumexp aminmax cov corrcoef fill_diagonal_ index_copy
    index_copy_ masked_scatter masked_scatter_ scatter_reduce scatter_reduce_ put put_ sum_to_size histogram
    svd qr cholesky pinverse angle adjoint mH H conj conj_physical resolve_conj resolve_neg is_conj is_neg is_inference
    real unsafe_split unsafe_chunk narrow_copy index_reduce index_reduce_ polygamma polygamma_ mvlgamma mvlgamma_ i0 i0_ frexp
    nan_to_num apply_ __len__
  `),
  nn: words(`
    Module Parameter Sequential ModuleList ModuleDict ParameterList ParameterDict Linear Bilinear Identity Flatten Unflatten
    Conv1d Conv2d Conv3d ConvTranspose2d MaxPool1d MaxPool2d AvgPool1d AvgPool2d AdaptiveAvgPool1d AdaptiveAvgPool2d
    AdaptiveMaxPool2d BatchNorm1d BatchNorm2d BatchNorm3d LayerNorm GroupNorm InstanceNorm2d Dropout Dropout2d Embedding
    EmbeddingBag RNN LSTM GRU RNNCell LSTMCell GRUCell Transformer TransformerEncoder TransformerEncoderLayer
    MultiheadAttention
    ReLU ReLU6 LeakyReLU PReLU ELU SELU CELU GELU SiLU Mish Sigmoid Tanh Softmax LogSoftmax Softmin Softplus Softsign
    Hardtanh Hardswish Hardsigmoid LogSigmoid Threshold Tanhshrink
    MSELoss L1Loss SmoothL1Loss HuberLoss CrossEntropyLoss NLLLoss BCELoss BCEWithLogitsLoss KLDivLoss MarginRankingLoss
    HingeEmbeddingLoss CosineEmbeddingLoss TripletMarginLoss CTCLoss PoissonNLLLoss GaussianNLLLoss
    Upsample PixelShuffle ZeroPad2d ConstantPad2d ReflectionPad2d CosineSimilarity PairwiseDistance
    MaxUnpool1d MaxUnpool2d MaxUnpool3d LPPool1d LPPool2d AdaptiveMaxPool1d AdaptiveAvgPool3d AdaptiveMaxPool3d
    LocalResponseNorm ConstantPad1d ConstantPad3d ReflectionPad1d ReflectionPad3d ReplicationPad1d ReplicationPad2d
    ReplicationPad3d UpsamplingNearest2d UpsamplingBilinear2d PixelUnshuffle ChannelShuffle InstanceNorm1d InstanceNorm3d
    Dropout3d AlphaDropout FeatureAlphaDropout SoftMarginLoss MultiLabelSoftMarginLoss MultiMarginLoss MultiLabelMarginLoss
    TripletMarginWithDistanceLoss ConvTranspose1d ConvTranspose3d Softmax2d LazyLinear FractionalMaxPool2d FractionalMaxPool3d
    LazyConv1d LazyConv2d LazyConv3d LazyConvTranspose1d LazyConvTranspose2d LazyConvTranspose3d LazyBatchNorm1d LazyBatchNorm2d
    LazyBatchNorm3d
    init.xavier_uniform_ init.xavier_normal_ init.kaiming_uniform_ init.kaiming_normal_ init.zeros_ init.ones_
    init.constant_ init.normal_ init.uniform_ init.eye_ init.orthogonal_ init.trunc_normal_ init.calculate_gain init.dirac_ init.sparse_
    utils.clip_grad_norm_ utils.clip_grad_value_ utils.parameters_to_vector utils.vector_to_parameters
  `),
  F: words(`
    relu relu6 leaky_relu elu selu gelu silu mish sigmoid tanh softmax log_softmax softmin softplus softsign hardtanh
    hardswish hardsigmoid logsigmoid threshold linear bilinear conv1d conv2d conv_transpose2d max_pool1d max_pool2d
    avg_pool1d avg_pool2d adaptive_avg_pool1d adaptive_avg_pool2d adaptive_max_pool2d dropout dropout2d batch_norm
    layer_norm group_norm instance_norm normalize embedding one_hot pad interpolate grid_sample affine_grid unfold fold
    cosine_similarity pairwise_distance pixel_shuffle mse_loss l1_loss smooth_l1_loss huber_loss cross_entropy nll_loss
    binary_cross_entropy binary_cross_entropy_with_logits kl_div margin_ranking_loss triplet_margin_loss
    cosine_embedding_loss hinge_embedding_loss gumbel_softmax scaled_dot_product_attention
    max_pool1d_with_indices max_pool2d_with_indices max_pool3d_with_indices max_unpool1d max_unpool2d max_unpool3d lp_pool1d
    lp_pool2d adaptive_max_pool1d adaptive_max_pool1d_with_indices adaptive_avg_pool3d adaptive_max_pool3d
    adaptive_max_pool3d_with_indices local_response_norm alpha_dropout feature_alpha_dropout dropout3d upsample
    upsample_nearest upsample_bilinear pixel_unshuffle channel_shuffle conv_transpose1d conv_transpose3d soft_margin_loss
    multi_margin_loss multilabel_margin_loss multilabel_soft_margin_loss triplet_margin_with_distance_loss
    fractional_max_pool2d fractional_max_pool3d
  `),
  optim: words(`
    Optimizer SGD Adam AdamW RMSprop Adagrad Adadelta Adamax NAdam RAdam ASGD Rprop LBFGS SparseAdam
    lr_scheduler.StepLR lr_scheduler.MultiStepLR lr_scheduler.ExponentialLR lr_scheduler.CosineAnnealingLR
    lr_scheduler.CosineAnnealingWarmRestarts lr_scheduler.ReduceLROnPlateau lr_scheduler.LambdaLR
    lr_scheduler.MultiplicativeLR lr_scheduler.OneCycleLR lr_scheduler.CyclicLR lr_scheduler.LinearLR
    lr_scheduler.ConstantLR lr_scheduler.SequentialLR lr_scheduler.ChainedScheduler lr_scheduler.PolynomialLR
  `),
};

/** dtypes PyTorch has and Torchlit does not: using one is a TypeError that lists the supported ones. */
export const UNSUPPORTED_DTYPES = new Set(words('float16 half bfloat16 complex64 complex128 cfloat cdouble uint16 uint32 uint64 qint8 quint8'));

/** Implemented names whose PyTorch options are not all honoured: what is missing. */
export const PARTIAL: Record<string, string> = {
  'torch.unique': 'sorted=False still returns sorted values (PyTorch leaves the order unspecified)',
  'torch.einsum': 'size-1 broadcasting of named (non-ellipsis) dims',
  'torch.topk': 'sorted=False still returns sorted values',
  'torch.normal': 'out',
  'torch.sort': 'stable=False is stable too',
  'torch.nn.functional.interpolate': 'antialias',
  'torch.nn.LazyLinear': 'parameters exist (with in_features 0) before the first call, not as UninitializedParameter',
  'torch.nn.MultiheadAttention': 'add_bias_kv, add_zero_attn, kdim/vdim other than embed_dim',
  'torch.nn.TransformerEncoder': 'layers other than nn.TransformerEncoderLayer; nested tensors (enable_nested_tensor is accepted and ignored, as on a CPU without them)',
  'torch.optim.SparseAdam': 'sparse gradients: Torchlit has none (Embedding(sparse=True) gives dense ones), so step() raises PyTorch\'s dense-gradient error',
  'torch.nn.functional.grid_sample': '5-D (volumetric) input',
};

/** Implemented names that run on the CPU only (their WebGPU column), and why. */
export const CPU_ONLY: Record<string, string> = {
  ...Object.fromEntries(
    words('sort argsort topk kthvalue median mode unique cumprod isin multinomial inverse det equal allclose erfinv cummax cummin unique_consecutive bincount histc searchsorted bucketize poisson').map((n) => [`torch.${n}`, 'CPU only']),
  ),
  ...Object.fromEntries(words('sort argsort topk kthvalue median mode unique cumprod equal allclose').map((n) => [`Tensor.${n}`, 'CPU only'])),
  ...Object.fromEntries(
    words('lgamma digamma nextafter gcd lcm bitwise_and bitwise_or bitwise_xor bitwise_not bitwise_left_shift bitwise_right_shift matrix_exp logcumsumexp nanmedian quantile nanquantile msort scatter_reduce histogram masked_scatter put index_copy polygamma mvlgamma i0 svd qr cholesky pinverse index_reduce logdet slogdet frexp').flatMap((n) => [[`torch.${n}`, 'CPU only'], [`Tensor.${n}`, 'CPU only']]),
  ),
  'torch.matrix_power': 'CPU only for a negative power (inverse)', 'Tensor.matrix_power': 'CPU only for a negative power (inverse)',
  ...Object.fromEntries(words('inv det solve cholesky qr eigh svd matrix_rank pinv lstsq').map((n) => [`torch.linalg.${n}`, 'CPU only'])),
  'torch.linalg.matrix_norm': "CPU only for ord='nuc', 2, -2", 'torch.linalg.norm': "CPU only for ord='nuc', 2, -2", 'torch.norm': "CPU only for p='nuc'",
  'torch.cumsum': 'floats only', 'Tensor.cumsum': 'floats only',
  'torch.repeat_interleave': 'int repeats only', 'Tensor.repeat_interleave': 'int repeats only',
  'torch.masked_select': 'CPU only (output size needs a sync read)', 'Tensor.masked_select': 'CPU only (output size needs a sync read)',
  'torch.nonzero': 'CPU only (output size needs a sync read)', 'Tensor.nonzero': 'CPU only (output size needs a sync read)',
  'torch.argwhere': 'CPU only (output size needs a sync read)',
  'torch.optim.LBFGS': 'CPU only (reads the loss synchronously)',
  'torch.uint8': 'CPU only (WebGPU storage is 32-bit)', 'torch.int8': 'CPU only (WebGPU storage is 32-bit)', 'torch.int16': 'CPU only (WebGPU storage is 32-bit)',
  'Tensor.apply_': 'CPU only (as PyTorch)',
  'torch.nn.CTCLoss': 'CPU only (the alpha/beta recursions run in JS)',
  'torch.nn.EmbeddingBag': 'offsets are read on the CPU (2-D input runs on WebGPU)',
  ...Object.fromEntries(['torch.nn.FractionalMaxPool2d', 'torch.nn.FractionalMaxPool3d', 'torch.nn.functional.fractional_max_pool2d', 'torch.nn.functional.fractional_max_pool3d']
    .map((n) => [n, '_random_samples are read on the CPU (a WebGPU input works; samples given on WebGPU raise)'])),
};
